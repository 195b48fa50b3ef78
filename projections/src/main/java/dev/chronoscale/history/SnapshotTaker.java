package dev.chronoscale.history;

import dev.chronoscale.eventlog.BoundedReplay;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.TrackedEventMessage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Takes time travel's snapshots: from the newest snapshot of the current format (or the start of the log) it
 * replays the log into a {@link SnapshotReplica} and stores the state after every {@code everyEvents}-th event,
 * so a question about any instant replays fewer than that many events from its snapshot onwards. Snapshots of
 * another format are deleted first, so after a format change they are rebuilt from the start.
 */
public final class SnapshotTaker {

    /**
     * Events this recent are not snapshotted yet: a transaction that drew a lower log position may still commit
     * after a higher one is visible, and a snapshot past such a gap would never include that event.
     */
    static final Duration SETTLE = Duration.ofMinutes(1);

    private static final System.Logger LOG = System.getLogger(SnapshotTaker.class.getName());

    private final BoundedReplay replay;
    private final HistorySnapshots snapshots;
    private final Clock clock;
    private final long everyEvents;

    public SnapshotTaker(BoundedReplay replay, HistorySnapshots snapshots, Clock clock, long everyEvents) {
        if (everyEvents < 1) {
            throw new IllegalArgumentException("snapshots are taken every n events with n at least 1, not " + everyEvents);
        }
        this.replay = replay;
        this.snapshots = snapshots;
        this.clock = clock;
        this.everyEvents = everyEvents;
    }

    /** What one {@link #catchUp} did. */
    public record Result(int taken, long replayed, int deletedOtherFormats) {
    }

    /** Takes every snapshot that is due, up to the log's head (less the last {@link #SETTLE}). */
    public Result catchUp() {
        int deleted = snapshots.deleteOtherFormats();
        Optional<HistorySnapshot<HistoryState.Parts>> newest = snapshots.newest();
        Optional<SnapshotReplica> opened = newest.flatMap(SnapshotTaker::replicaAt);
        Optional<HistorySnapshot<HistoryState.Parts>> base = opened.isPresent() ? newest : Optional.empty();
        try (SnapshotReplica replica = opened.orElseGet(() -> SnapshotReplica.startingAt(Optional.empty()))) {
            Count count = new Count(base);
            EventMessageHandler handler = event -> {
                replica.handle(event);
                long position = ((TrackedEventMessage<?>) event).trackingToken().position().orElseThrow();
                if (count.next(event.getTimestamp()) % everyEvents == 0) {
                    snapshots.save(new HistorySnapshot<>(position, count.latest, count.total(), replica.capture()));
                    count.taken++;
                }
                return null;
            };
            BoundedReplay.Range range = BoundedReplay.Range.upTo(clock.instant().minus(SETTLE))
                    .from(base.map(HistorySnapshot::position).orElse(-1L));
            long replayed = replica.inTransaction(() -> replay.into(handler, range, BoundedReplay.Progress.NONE));
            return new Result(count.taken, replayed, deleted);
        }
    }

    /** The replica at a snapshot; empty, so the log is replayed from its start, if the snapshot's image does not open. */
    private static Optional<SnapshotReplica> replicaAt(HistorySnapshot<HistoryState.Parts> snapshot) {
        try {
            return Optional.of(SnapshotReplica.startingAt(Optional.of(snapshot.state())));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "history snapshot at position " + snapshot.position()
                    + " cannot be continued from; snapshots are taken again from the start of the log: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Counts the events replayed since the base and the latest event time seen. */
    private static final class Count {
        private final long baseEvents;
        private long since;
        private Instant latest;
        private int taken;

        Count(Optional<HistorySnapshot<HistoryState.Parts>> base) {
            baseEvents = base.map(HistorySnapshot::events).orElse(0L);
            latest = base.map(HistorySnapshot::eventTime).orElse(Instant.MIN);
        }

        /** Counts one more event and returns the number since the base; its time is kept rounded up to a millisecond. */
        long next(Instant time) {
            Instant ceiling = time.truncatedTo(ChronoUnit.MILLIS).equals(time) ? time
                    : time.truncatedTo(ChronoUnit.MILLIS).plusMillis(1);
            if (ceiling.isAfter(latest)) {
                latest = ceiling;
            }
            return ++since;
        }

        long total() {
            return baseEvents + since;
        }
    }
}
