package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** The relay delivers {@code packet} that {@code source} sent. */
public record RecvPacket(NodePublicKey source, byte[] packet) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.RECV_PACKET;
    }
}
