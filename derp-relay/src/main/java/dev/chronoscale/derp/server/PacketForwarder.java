package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.NodePublicKey;

/** Carries a packet to a node connected to another relay of the region (a mesh link). */
public interface PacketForwarder {
    /** Must not block. Returns false when the packet was dropped. */
    boolean forward(NodePublicKey source, NodePublicKey destination, byte[] packet);
}
