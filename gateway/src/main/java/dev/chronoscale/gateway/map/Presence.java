package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Which nodes are online: a node is online while it has a stream, and for the reconnect grace after its stream
 * ends, so a quick reconnect is invisible to its peers. Coming online and going offline reach the streams of the
 * nodes that see the node, and the {@link PresenceListener}s.
 */
public final class Presence {

    private final Netmap netmap;
    private final MapStreams streams;
    private final Viewers viewers;
    private final Duration reconnectGrace;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    /** Nodes whose stream ended, until their grace period is over. */
    private final Map<Long, ScheduledFuture<?>> goingOffline = new ConcurrentHashMap<>();
    private final List<PresenceListener> listeners = new CopyOnWriteArrayList<>();

    Presence(Netmap netmap, MapStreams streams, Viewers viewers, Duration reconnectGrace, Clock clock,
             ScheduledExecutorService timers) {
        this.netmap = netmap;
        this.streams = streams;
        this.viewers = viewers;
        this.reconnectGrace = reconnectGrace;
        this.clock = clock;
        this.timers = timers;
    }

    public boolean isOnline(long nodeId) {
        return streams.has(nodeId) || goingOffline.containsKey(nodeId);
    }

    public void addListener(PresenceListener listener) {
        listeners.add(listener);
    }

    /**
     * Called under the netmap's lock once the node's new stream is registered: a node that had no stream and
     * was not within its grace comes online.
     *
     * @param replacedStream whether the new stream took the place of one still open
     */
    void streamStarted(NetmapNode node, MapSession session, boolean replacedStream, NetmapView view) {
        ScheduledFuture<?> offline = goingOffline.remove(node.id());
        if (replacedStream) {
            return;
        }
        if (offline != null) {
            offline.cancel(false);
        } else {
            announce(node, true, view);
            listeners.forEach(l -> l.online(node, session.remoteAddress()));
        }
    }

    /** Called under the netmap's lock once the node's stream is unregistered: its grace period begins. */
    void streamEnded(long nodeId) {
        goingOffline.put(nodeId, timers.schedule(() -> graceOver(nodeId), reconnectGrace.toMillis(),
                TimeUnit.MILLISECONDS));
    }

    private void graceOver(long nodeId) {
        netmap.read(view -> {
            if (goingOffline.remove(nodeId) != null && !streams.has(nodeId)) {
                view.node(nodeId).ifPresent(node -> {
                    announce(node, false, view);
                    listeners.forEach(l -> l.offline(node));
                });
            }
            return null;
        });
    }

    private void announce(NetmapNode node, boolean online, NetmapView view) {
        viewers.forEach(node, view, clock.instant(), (session, seen) -> session.peerOnline(node.id(), online));
    }
}
