package dev.chronoscale.tools.historybench;

import java.time.Duration;
import java.time.Instant;

/** One question about the past: the instant, how many events answered it, how many nodes it found, how long. */
public record InstantTiming(Instant instant, long events, int nodes, Duration took) {
}
