package dev.chronoscale.tools.loadgen;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Median, 99th percentile and maximum of a set of latencies (nearest-rank percentiles). */
public record LatencySummary(int count, Duration median, Duration p99, Duration max) {

    public static LatencySummary of(List<Duration> latencies) {
        if (latencies.isEmpty()) {
            return new LatencySummary(0, Duration.ZERO, Duration.ZERO, Duration.ZERO);
        }
        List<Duration> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return new LatencySummary(sorted.size(), rank(sorted, 0.50), rank(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static Duration rank(List<Duration> sorted, double quantile) {
        int index = (int) Math.ceil(quantile * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    @Override
    public String toString() {
        return String.format("median %d ms, p99 %d ms, max %d ms (n=%d)",
                median.toMillis(), p99.toMillis(), max.toMillis(), count);
    }
}
