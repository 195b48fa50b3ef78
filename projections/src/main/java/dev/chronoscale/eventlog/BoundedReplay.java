package dev.chronoscale.eventlog;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Instant;
import java.util.Optional;

/**
 * Feeds handlers every event of the log from a position (the start, or the position a snapshot was taken
 * at) up to the log's head as it was when the replay began, or up to an instant. The log is ordered by
 * position, not by time: an instant ends the replay at the first event recorded after it. The log is read, and each
 * event decoded, on a second thread ({@link ReadAhead}) while the handlers run on the caller's.
 */
public final class BoundedReplay {

    /**
     * Told how far the replay has come: {@code done} events of about {@code total}, the positions the range spanned
     * when it began (gaps left by rolled-back transactions make it a little more than the events; the last report
     * gives the exact number as both).
     */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);

        Progress NONE = (done, total) -> {
        };
    }

    /** Where a replay ends: at the head when it began, and at {@code until} if one is given. */
    public record Range(long after, Optional<Instant> until) {

        public static Range everything() {
            return new Range(-1, Optional.empty());
        }

        public static Range upTo(Instant until) {
            return new Range(-1, Optional.of(until));
        }

        public Range from(long position) {
            return new Range(position, until);
        }
    }

    private final EventLog log;

    public BoundedReplay(EventLog log) {
        this.log = log;
    }

    /** Replays into an object with Axon {@code @EventHandler} methods; returns the number of events fed. */
    public long into(Object annotatedHandlers, Range range, Progress progress) {
        return into(new AnnotationEventHandlerAdapter(annotatedHandlers), range, progress);
    }

    public long into(EventMessageHandler handler, Range range, Progress progress) {
        long head = log.headPosition();
        // Counting the range would cost about as much as reading it (H2 counts a range row by row): the positions
        // it spans are an index lookup, and only a caller that shows progress asks for them.
        long total = progress == Progress.NONE ? 0 : log.positionsBetween(range.after(), head);
        long done = 0;
        progress.update(0, total);
        try (ReadAhead events = ReadAhead.start(() -> log.messagesAfter(range.after()),
                event -> event.trackingToken().position().orElseThrow() <= head
                        && !range.until().map(event.getTimestamp()::isAfter).orElse(false))) {
            for (TrackedEventMessage<?> event = events.next(); event != null; event = events.next()) {
                handle(handler, event);
                done++;
                if (done % 500 == 0) {
                    progress.update(done, total);
                }
            }
        }
        progress.update(done, done);
        return done;
    }

    private static void handle(EventMessageHandler handler, TrackedEventMessage<?> event) {
        try {
            handler.handle(event);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("replay failed at position "
                    + event.trackingToken().position().orElse(-1) + ": " + e.getMessage(), e);
        }
    }
}
