package dev.chronoscale.history;

import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import org.axonframework.eventhandling.EventHandler;

import java.util.HashSet;
import java.util.Set;

/** Which nodes had a map stream open, as the log recorded their sessions. Only sessions matter here. */
final class Sessions {

    private final Set<Long> connected;

    Sessions() {
        this(Set.of());
    }

    /** Sessions that were open when a snapshot was taken. */
    Sessions(Set<Long> open) {
        connected = new HashSet<>(open);
    }

    @EventHandler
    void on(NodeEvent event) {
        switch (event) {
            case NodeConnected e -> connected.add(e.nodeId());
            case NodeDisconnected e -> connected.remove(e.nodeId());
            case NodeDeleted e -> connected.remove(e.nodeId());
            default -> {
            }
        }
    }

    Set<Long> connected() {
        return connected;
    }
}
