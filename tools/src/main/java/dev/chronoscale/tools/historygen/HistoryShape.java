package dev.chronoscale.tools.historygen;

import java.time.Duration;
import java.time.Instant;

/**
 * The history to write: {@code events} events in all, over {@code span} from {@code start}, for a tailnet that grows
 * to {@code nodes} nodes of {@code users} users (about one user per 25 nodes unless said otherwise).
 */
public record HistoryShape(long events, int nodes, int users, Instant start, Duration span, long seed) {

    /** Two years that end well before today, so every instant of the history has passed. */
    public static final Instant DEFAULT_START = Instant.parse("2023-01-02T08:00:00Z");
    public static final Duration DEFAULT_SPAN = Duration.ofDays(730);

    public HistoryShape {
        if (events < 100 || nodes < 10 || users < 2) {
            throw new IllegalArgumentException("a history needs at least 100 events, 10 nodes and 2 users");
        }
        if (events < 10L * nodes) {
            throw new IllegalArgumentException("give at least 10 events per node (" + 10L * nodes + " for " + nodes
                    + " nodes): a node registers, reports its client and opens sessions");
        }
    }

    public static HistoryShape of(long events, int nodes) {
        return new HistoryShape(events, nodes, Math.max(2, nodes / 25), DEFAULT_START, DEFAULT_SPAN, 1);
    }

    public Instant end() {
        return start.plus(span);
    }
}
