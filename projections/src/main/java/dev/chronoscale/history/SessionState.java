package dev.chronoscale.history;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * The sessions as the log recorded them at an instant: the nodes that had a map stream open, and for each node when a
 * stream of it last opened or closed (when it was last seen).
 */
record SessionState(Set<Long> connected, Map<Long, Instant> lastSeen) {

    static final SessionState NONE = new SessionState(Set.of(), Map.of());

    SessionState {
        connected = Set.copyOf(connected);
        lastSeen = Map.copyOf(lastSeen);
    }
}
