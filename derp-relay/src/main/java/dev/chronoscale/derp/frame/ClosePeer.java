package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** A mesh peer asks this relay to close every connection of {@code peer}. */
public record ClosePeer(NodePublicKey peer) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.CLOSE_PEER;
    }
}
