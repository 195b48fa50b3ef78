package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** Client asks the relay to deliver {@code packet} to {@code destination}. */
public record SendPacket(NodePublicKey destination, byte[] packet) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.SEND_PACKET;
    }
}
