package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** Between mesh relays: a packet from {@code source} for {@code destination}, connected to the receiver. */
public record ForwardPacket(NodePublicKey source, NodePublicKey destination, byte[] packet) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.FORWARD_PACKET;
    }
}
