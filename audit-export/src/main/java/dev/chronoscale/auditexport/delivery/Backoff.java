package dev.chronoscale.auditexport.delivery;

import java.time.Duration;

/** Exponential back-off between failed attempts: doubles from {@code initial} up to {@code max}. */
public record Backoff(Duration initial, Duration max) {

    public Duration after(long consecutiveFailures) {
        Duration delay = initial;
        for (long i = 1; i < consecutiveFailures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }
}
