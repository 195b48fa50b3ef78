package dev.chronoscale.gateway.map;

import io.netty.channel.Channel;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The live map streams, at most one per node. A new stream for a node takes the place of the old; the streams'
 * batch delay grows with how many there are.
 */
final class MapStreams {

    /** Batches of peer changes all streams together may get per second, whatever the configured delay. */
    static final int BATCHES_PER_SECOND = 20_000;

    private final Duration batchChangeDelay;
    private final Clock clock;
    private final Map<Long, MapSession> byNode = new ConcurrentHashMap<>();

    MapStreams(Duration batchChangeDelay, Clock clock) {
        this.batchChangeDelay = batchChangeDelay;
        this.clock = clock;
    }

    /** A stream, not yet registered: its messages framed as the client asked, peer changes batched. */
    MapSession newSession(long nodeId, Channel stream, boolean zstd) {
        return new MapSession(nodeId, stream, zstd, this::batchDelayNanos, clock);
    }

    /**
     * The configured batch delay, lengthened when so many streams are open that batches at that pace
     * would keep the server busy with nothing else: all streams together get at most
     * {@link #BATCHES_PER_SECOND} batches a second (10,000 streams: one batch each per 500 ms).
     */
    long batchDelayNanos() {
        return Math.max(batchChangeDelay.toNanos(), byNode.size() * (1_000_000_000L / BATCHES_PER_SECOND));
    }

    /** Registers the node's stream; returns the one it replaces, which the caller ends, or null. */
    MapSession put(MapSession session) {
        return byNode.put(session.nodeId(), session);
    }

    /** Unregisters the stream if it is still its node's; returns whether it was. */
    boolean remove(MapSession session) {
        return byNode.remove(session.nodeId(), session);
    }

    /** The node's stream, or null. */
    MapSession get(long nodeId) {
        return byNode.get(nodeId);
    }

    boolean has(long nodeId) {
        return byNode.containsKey(nodeId);
    }

    /** Every open stream; a live view, not a copy. */
    Collection<MapSession> all() {
        return byNode.values();
    }
}
