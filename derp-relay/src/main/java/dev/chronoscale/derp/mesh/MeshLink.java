package dev.chronoscale.derp.mesh;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientListener;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.ForwardPacket;
import dev.chronoscale.derp.frame.PeerGone;
import dev.chronoscale.derp.frame.PeerPresent;
import dev.chronoscale.derp.frame.WatchConns;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.server.PacketForwarder;
import io.netty.channel.EventLoopGroup;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * This relay's connection to one other relay of the region. It logs in with this relay's own key and
 * the mesh key, subscribes with WatchConns, and for every node the peer reports present registers itself
 * as that node's {@link PacketForwarder}: local clients sending to such a node have their packets wrapped
 * in ForwardPacket frames. When the link drops, all those routes are withdrawn (local senders get
 * PeerGone) and the link reconnects with backoff.
 */
public final class MeshLink implements PacketForwarder, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(MeshLink.class.getName());
    private static final long MAX_BACKOFF_MILLIS = 10_000;

    private final DerpServer local;
    private final DerpClientOptions options;
    private final EventLoopGroup group;
    private final Set<NodePublicKey> routed = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sessions = new AtomicInteger();
    private volatile DerpClient client;
    private volatile boolean closed;
    private long backoffMillis = 100;

    public MeshLink(DerpServer local, URI peerUrl, MeshKey meshKey, EventLoopGroup group, boolean insecureTls) {
        this.local = local;
        this.group = group;
        this.options = DerpClientOptions.of(peerUrl, local.privateKey()).withMeshKey(meshKey)
                .withInsecureTls(insecureTls);
    }

    public void start() {
        connect();
    }

    /** Whether the link is up and subscribed. */
    public boolean isConnected() {
        DerpClient c = client;
        return c != null && c.isOpen();
    }

    /** How many times the link has been established (1 after the first connect). */
    public int sessionCount() {
        return sessions.get();
    }

    /** Nodes currently reachable through this link. */
    public Set<NodePublicKey> routedNodes() {
        return Set.copyOf(routed);
    }

    private void connect() {
        if (closed) {
            return;
        }
        DerpClient.connect(group, options, new Listener()).whenComplete((c, error) -> {
            if (error != null) {
                LOG.log(Level.DEBUG, "mesh link to " + options.url() + " failed: " + error);
                retryLater();
                return;
            }
            backoffMillis = 100;
            client = c;
            c.sendFrame(new WatchConns());
            sessions.incrementAndGet();
            if (closed) {
                c.close();
            }
        });
    }

    private void retryLater() {
        if (closed) {
            return;
        }
        long delay = backoffMillis;
        backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 2);
        group.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    @Override
    public boolean forward(NodePublicKey source, NodePublicKey destination, byte[] packet) {
        DerpClient c = client;
        if (c == null || !c.isWritable()) {
            return false;
        }
        c.sendFrameNow(new ForwardPacket(source, destination, packet));
        return true;
    }

    @Override
    public void close() {
        closed = true;
        DerpClient c = client;
        if (c != null) {
            c.close();
        }
        withdrawAll();
    }

    private void withdrawAll() {
        for (NodePublicKey node : routed) {
            routed.remove(node);
            local.removePacketForwarder(node, this);
        }
    }

    private final class Listener implements DerpClientListener {
        @Override
        public void onFrame(DerpClient c, DerpFrame frame) {
            switch (frame) {
                case PeerPresent p -> {
                    if (!p.peer().equals(local.publicKey())) {
                        routed.add(p.peer());
                        local.addPacketForwarder(p.peer(), MeshLink.this);
                    }
                }
                case PeerGone g -> {
                    if (routed.remove(g.peer())) {
                        local.removePacketForwarder(g.peer(), MeshLink.this);
                    }
                }
                default -> { }
            }
        }

        @Override
        public void onClosed(DerpClient c) {
            client = null;
            withdrawAll();
            retryLater();
        }
    }

    @Override
    public String toString() {
        return "mesh link to " + options.url();
    }
}
