package dev.chronoscale.tools.historygen;

import dev.chronoscale.eventlog.BoundedReplay;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Writes a {@link HistoryShape} into an event store: the simulation's steps spread evenly over the history's span
 * (the events of one step share their instant, as one command's do), appended in batches through {@code engine}.
 * The total is the shape's count, or a few more when the last step writes several events.
 */
public final class HistoryGenerator {

    /** What was written, and how long it took. */
    public record Generated(long events, int nodes, int users, Instant first, Instant last, Duration took) {

        public double eventsPerSecond() {
            return events / Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private static final int BATCH = 1000;

    private HistoryGenerator() {
    }

    public static Generated write(HistoryShape shape, EventStorageEngine engine, BoundedReplay.Progress progress) {
        long started = System.nanoTime();
        TailnetSimulation tailnet = new TailnetSimulation(shape);
        HistoryWriter writer = new HistoryWriter(engine, BATCH, shape.seed());
        long spanMillis = shape.span().toMillis();
        long steps = 0;
        Instant at = shape.start();
        for (long queued = 0; queued < shape.events(); steps++) {
            at = shape.start().plusMillis(spanMillis * queued / shape.events());
            List<SimulatedEvent> events = tailnet.step(at);
            writer.write(at, events);
            queued += events.size();
            if (steps % 10_000 == 0) {
                progress.update(writer.written(), shape.events());
            }
        }
        writer.flush();
        progress.update(writer.written(), shape.events());
        return new Generated(writer.written(), tailnet.liveNodes(), tailnet.liveUsers(), shape.start(), at,
                Duration.ofNanos(System.nanoTime() - started));
    }
}
