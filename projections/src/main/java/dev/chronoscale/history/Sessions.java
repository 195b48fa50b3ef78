package dev.chronoscale.history;

import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import org.axonframework.eventhandling.EventHandler;

import java.time.Instant;
import java.util.HashMap;
import org.axonframework.eventhandling.Timestamp;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/** Which nodes had a map stream open, as the log recorded their sessions. Only sessions matter here. */
final class Sessions {

    private final Set<Long> connected;
    private final Map<Long, Instant> lastSeen;

    Sessions() {
        this(SessionState.NONE);
    }

    /** The sessions as a snapshot holds them. */
    Sessions(SessionState from) {
        connected = new HashSet<>(from.connected());
        lastSeen = new HashMap<>(from.lastSeen());
    }

    @EventHandler
    void on(NodeEvent event, @Timestamp Instant at) {
        switch (event) {
            case NodeConnected e -> {
                connected.add(e.nodeId());
                lastSeen.put(e.nodeId(), at);
            }
            case NodeDisconnected e -> {
                connected.remove(e.nodeId());
                lastSeen.put(e.nodeId(), at);
            }
            case NodeDeleted e -> {
                connected.remove(e.nodeId());
                lastSeen.remove(e.nodeId());
            }
            default -> {
            }
        }
    }

    Set<Long> connected() {
        return connected;
    }

    SessionState state() {
        return new SessionState(connected, lastSeen);
    }
}
