package dev.chronoscale.tools.historybench;

import java.time.Duration;
import java.time.Instant;

/** One question about the past: the instant, what answered it, how long it took. */
public record InstantTiming(Instant instant, Answer answer, Duration took) {

    /**
     * How many events of the log the state was built from, how many of those were replayed (the others came from a
     * snapshot), and the size of the answer in words ({@code 2,223 nodes}).
     */
    public record Answer(long events, long replayed, String size) {
    }
}
