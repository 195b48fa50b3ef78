package dev.chronoscale.derp.client;

import dev.chronoscale.derp.frame.DerpFrame;

/** Receives a connected client's frames on its event loop; must not block. */
public interface DerpClientListener {
    /** Any frame after the handshake: RecvPacket, PeerGone, PeerPresent, KeepAlive, Health, Restarting… */
    void onFrame(DerpClient client, DerpFrame frame);

    default void onClosed(DerpClient client) {
    }
}
