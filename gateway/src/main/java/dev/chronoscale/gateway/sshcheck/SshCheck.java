package dev.chronoscale.gateway.sshcheck;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One SSH session a destination node holds until it is decided: from {@code sourceNodeId} (owned by
 * {@code sourceUserId}, empty for a tagged node) as {@code sshUser}, mapped to {@code localUser} on the destination.
 * {@code checkPeriod} is the period of the policy rule that asked for the check when it was opened.
 */
public record SshCheck(String id, long sourceNodeId, Optional<Long> sourceUserId, long destinationNodeId, String sshUser,
                       String localUser, Duration checkPeriod, Instant openedAt, Optional<Decided> decision) {

    /** What was decided, when, and by whom (the actor as the audit trail names it, e.g. {@code API_KEY Xk3mP9aQr2Lw}). */
    public record Decided(boolean approved, Instant at, String by) {
    }

    public boolean isPending() {
        return decision.isEmpty();
    }
}
