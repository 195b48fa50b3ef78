package dev.chronoscale.auditexport.chain;

import java.time.Instant;
import java.util.Optional;

/**
 * A filter over the audit trail. {@code actor} matches the actor's id or type; {@code action} is an
 * exact action or a prefix ending in '.' or '*' ({@code node.} matches every node action);
 * {@code node} and {@code user} match the target's id or name.
 */
public record AuditQuery(Optional<Instant> since, Optional<Instant> until, Optional<String> actor,
                         Optional<String> action, Optional<String> node, Optional<String> user,
                         long afterPosition, int limit) {

    public static AuditQuery all(long afterPosition, int limit) {
        return new AuditQuery(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), afterPosition, limit);
    }
}
