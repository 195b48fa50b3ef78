package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** The relay no longer has a path to {@code peer}; the receiver drops its reverse route through DERP. */
public record PeerGone(NodePublicKey peer, PeerGoneReason reason) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.PEER_GONE;
    }
}
