package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NodePublicKey;
import java.net.InetAddress;

/**
 * To mesh watchers: {@code peer} is connected, from {@code address}:{@code port}, with {@code flags}
 * ({@link #REGULAR}, {@link #MESH_PEER}, {@link #PROBER}, {@link #NOT_IDEAL}). Old servers send only the key;
 * then the address is {@code ::}, the port 0 and the flags 0.
 */
public record PeerPresent(NodePublicKey peer, InetAddress address, int port, int flags) implements DerpFrame {
    public static final int REGULAR = 1;
    public static final int MESH_PEER = 2;
    public static final int PROBER = 4;
    public static final int NOT_IDEAL = 8;

    @Override
    public int type() {
        return FrameType.PEER_PRESENT;
    }
}
