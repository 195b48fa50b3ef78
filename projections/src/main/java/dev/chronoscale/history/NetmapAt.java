package dev.chronoscale.history;

import dev.chronoscale.netmap.Netmap;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The netmap as it stood at an instant: a fresh {@link Netmap} fed by the live netmap projection's handlers with
 * every event up to it, so its per-node netmaps are the live compiler's output for that state and the policy then
 * in force. {@code connected} holds the nodes that had a map stream open then; {@code policyText} is the source of
 * the policy then in force; {@code events} is how many events of the log the state was built from, {@code replayed}
 * how many of them were replayed (the others came from a snapshot).
 */
public record NetmapAt(Instant instant, long events, long replayed, Netmap netmap, Set<Long> connected,
                       Map<Long, Instant> lastSeen, Optional<String> policyText) {

    public NetmapAt {
        connected = Set.copyOf(connected);
        lastSeen = Map.copyOf(lastSeen);
    }

    public boolean wasConnected(long nodeId) {
        return connected.contains(nodeId);
    }
}
