package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.ClientInfo;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.PeerGone;
import dev.chronoscale.derp.frame.PeerGoneReason;
import dev.chronoscale.derp.frame.PeerPresent;
import dev.chronoscale.derp.frame.RecvPacket;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One authenticated client connection as the relay sees it: who it is and what waits to be written to it. */
final class ClientConnection {
    /** Mesh peers get a deep control queue: a new watcher is sent one PeerPresent per connected client. */
    private static final int CONTROL_QUEUE_DEPTH = 64;
    private static final int WATCHER_CONTROL_QUEUE_DEPTH = 1 << 20;

    private final NodePublicKey key;
    private final Channel channel;
    private final ClientInfo info;
    private final boolean meshPeer;
    /** The client said (Ideal-Node header) it would rather be on another relay of the region. */
    private final boolean notIdeal;
    private final InetSocketAddress remote;
    private final OutboundQueue outbound;
    /** Sources that sent to this client; when one leaves the region, this client is told with PeerGone. */
    private final Set<NodePublicKey> senders = ConcurrentHashMap.newKeySet();
    private volatile NodePublicKey lastSender;
    private volatile boolean preferred;
    private long notHereWindowStartNanos;
    private int notHereInWindow;

    ClientConnection(NodePublicKey key, Channel channel, ClientInfo info, boolean meshPeer, boolean notIdeal,
            DerpServerConfig config, RelayCounters counters) {
        this.key = key;
        this.channel = channel;
        this.info = info;
        this.meshPeer = meshPeer;
        this.remote = channel.remoteAddress() instanceof InetSocketAddress a ? a : new InetSocketAddress(0);
        long writeTimeout = (meshPeer ? config.writeTimeout().multipliedBy(5) : config.writeTimeout()).toNanos();
        this.outbound = new OutboundQueue(channel, config.sendQueueDepth(), config.sendQueueBytes(),
                meshPeer ? WATCHER_CONTROL_QUEUE_DEPTH : CONTROL_QUEUE_DEPTH, writeTimeout, counters.droppedQueueFull);
        this.notIdeal = notIdeal;
    }

    NodePublicKey key() {
        return key;
    }

    Channel channel() {
        return channel;
    }

    ClientInfo info() {
        return info;
    }

    boolean isMeshPeer() {
        return meshPeer;
    }

    InetSocketAddress remote() {
        return remote;
    }

    OutboundQueue outbound() {
        return outbound;
    }

    boolean isPreferred() {
        return preferred;
    }

    void setPreferred(boolean preferred) {
        this.preferred = preferred;
    }

    /** Queues a packet from {@code source}; returns true the first time this source sends here. */
    boolean deliver(NodePublicKey source, byte[] packet) {
        outbound.offerPacket(new RecvPacket(source, packet), DiscoPacket.looksLikeDisco(packet));
        if (source.equals(lastSender)) {
            return false;
        }
        lastSender = source;
        return senders.add(source);
    }

    Set<NodePublicKey> senders() {
        return senders;
    }

    void send(DerpFrame controlFrame) {
        outbound.offerControl(controlFrame);
    }

    void peerGone(NodePublicKey peer, PeerGoneReason reason) {
        senders.remove(peer);
        if (peer.equals(lastSender)) {
            lastSender = null;
        }
        send(new PeerGone(peer, reason));
    }

    /** At most 3 NotHere replies per second; called on this client's event loop only. */
    boolean allowNotHereReply() {
        long now = System.nanoTime();
        if (now - notHereWindowStartNanos > 1_000_000_000L) {
            notHereWindowStartNanos = now;
            notHereInWindow = 0;
        }
        return ++notHereInWindow <= 3;
    }

    int presentFlags() {
        int flags = 0;
        if (info.isProber()) {
            flags |= PeerPresent.PROBER;
        }
        if (meshPeer) {
            flags |= PeerPresent.MESH_PEER;
        }
        if (notIdeal) {
            flags |= PeerPresent.NOT_IDEAL;
        }
        return flags == 0 ? PeerPresent.REGULAR : flags;
    }

    @Override
    public String toString() {
        return "client " + key.shortString() + " from " + remote;
    }
}
