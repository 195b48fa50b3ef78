package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.ReportKind;

import java.time.Instant;
import java.util.Optional;

/**
 * A report asked for: at {@code to}, or over {@code (from, to]}. The devices report takes an optional {@code from}
 * (the period its deletions and expiries cover); the period reports require one.
 */
public record ReportRequest(ReportKind kind, Optional<Instant> from, Instant to) {

    public ReportRequest {
        if (kind.covers() == ReportKind.Covers.PERIOD && from.isEmpty()) {
            throw new IllegalArgumentException(kind.id() + " covers a period: give its start (from)");
        }
        if (kind == ReportKind.ACCESS_REVIEW || kind == ReportKind.KEYS) {
            if (from.isPresent()) {
                throw new IllegalArgumentException(kind.id() + " is a report at an instant: give at, not from");
            }
        }
        from.filter(f -> !f.isBefore(to)).ifPresent(f -> {
            throw new IllegalArgumentException("the period's start " + f + " is not before its end " + to);
        });
    }
}
