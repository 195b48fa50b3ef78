package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.Health;
import dev.chronoscale.derp.frame.Restarting;
import java.time.Duration;

/**
 * One DERP relay: its identity key, the clients connected to it, and its mesh forwarders. Transport-neutral:
 * every accepted DERP byte stream (after the HTTP upgrade, plain, TLS or WebSocket) gets a
 * {@link #newSession()} handler behind a {@link dev.chronoscale.derp.frame.DerpFrameCodec}.
 * {@link DerpConnectionTakeover} does that pipeline edit; {@link DerpHttpService} serves the HTTP side.
 */
public final class DerpServer implements AutoCloseable {
    private final DerpServerConfig config;
    private final ClientRegistry registry;
    private final RelayCounters counters = new RelayCounters();
    private volatile boolean closed;

    public DerpServer(DerpServerConfig config) {
        this.config = config;
        this.registry = new ClientRegistry(config.privateKey().publicKey());
    }

    public DerpServerConfig config() {
        return config;
    }

    public NodePrivateKey privateKey() {
        return config.privateKey();
    }

    public NodePublicKey publicKey() {
        return config.privateKey().publicKey();
    }

    /** A state-machine handler for one new DERP connection; it speaks first (ServerKey). */
    public DerpServerSession newSession() {
        return new DerpServerSession(this, false, false);
    }

    /** A session that waits for {@link DerpServerSession#begin} (used when taking over an HTTP connection). */
    DerpServerSession newDeferredSession(boolean notIdealNode) {
        return new DerpServerSession(this, true, notIdealNode);
    }

    DerpServerSession newSession(boolean notIdealNode) {
        return new DerpServerSession(this, false, notIdealNode);
    }

    ClientRegistry registry() {
        return registry;
    }

    RelayCounters counters() {
        return counters;
    }

    public RelayStatistics statistics() {
        return counters.snapshot(registry.localKeyCount());
    }

    /** Mesh: packets for {@code node} (connected to another relay of the region) go through {@code forwarder}. */
    public void addPacketForwarder(NodePublicKey node, PacketForwarder forwarder) {
        registry.addForwarder(node, forwarder);
    }

    public void removePacketForwarder(NodePublicKey node, PacketForwarder forwarder) {
        registry.removeForwarder(node, forwarder);
    }

    public boolean isConnected(NodePublicKey node) {
        return registry.active(node) != null;
    }

    public int connectedNodeCount() {
        return registry.localKeyCount();
    }

    /** Tells every client the relay is going away and when to come back (send before a planned restart). */
    public void announceRestart(Duration reconnectIn, Duration tryFor) {
        Restarting frame = new Restarting(reconnectIn.toMillis(), tryFor.toMillis());
        registry.allConnections().forEach(c -> c.send(frame));
    }

    /** Sets (or, with an empty text, clears) a health warning on every connection of {@code node}. */
    public void sendHealth(NodePublicKey node, String problem) {
        registry.connectionsOf(node).forEach(c -> c.send(new Health(problem)));
    }

    boolean isClosed() {
        return closed;
    }

    /** Closes every client connection. Listeners are closed by whoever opened them. */
    @Override
    public void close() {
        closed = true;
        registry.allConnections().forEach(c -> c.channel().close());
    }
}
