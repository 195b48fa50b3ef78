package dev.chronoscale.compliance.reports;

import java.time.Duration;
import java.time.Instant;

/** Ages as the reports write them: whole days, rounded down. */
final class Durations {

    private Durations() {
    }

    static long days(Instant from, Instant to) {
        return Math.max(0, Duration.between(from, to).toDays());
    }
}
