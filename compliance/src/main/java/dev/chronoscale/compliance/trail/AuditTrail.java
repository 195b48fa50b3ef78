package dev.chronoscale.compliance.trail;

import dev.chronoscale.compliance.evidence.ChainHead;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The audit trail, caught up with the event log when a report asks. */
public interface AuditTrail {

    /** The last record at or before the instant (position 0 and the genesis hash for none). */
    ChainHead headAt(Instant instant);

    /**
     * Every record after {@code after} (from the start when empty) up to {@code upTo} inclusive, in chain order, whose
     * action is one of {@code actions} (an exact action, or a prefix ending in '.'; every action when empty) and whose
     * actor type is one of {@code actorTypes} (any when empty).
     */
    void scan(Optional<Instant> after, Instant upTo, List<String> actions, List<String> actorTypes,
              Consumer<TrailRecord> each);

    /** For each target id, the last record of {@code action} at or before {@code upTo}. */
    Map<String, TrailRecord> latestByTarget(String action, Instant upTo);
}
