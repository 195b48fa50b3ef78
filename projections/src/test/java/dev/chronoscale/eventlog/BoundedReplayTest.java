package dev.chronoscale.eventlog;

import dev.chronoscale.domain.user.UserEvent;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class BoundedReplayTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase db = new LogDatabase();
    private final BoundedReplay replay = new BoundedReplay(db.log);

    /** An annotated handler, as projections are. */
    static final class Names {
        final List<String> seen = new ArrayList<>();
        final List<Instant> times = new ArrayList<>();

        @EventHandler
        void on(UserEvent event, @Timestamp Instant at) {
            switch (event) {
                case UserCreated e -> seen.add(e.name());
                case UserRenamed e -> seen.add(e.oldName() + "->" + e.newName());
                default -> seen.add("other");
            }
            times.add(at);
        }
    }

    private void history() {
        db.append("user-1", new UserCreated(1, "alice", null, null), T0);
        db.append("user-1", new UserRenamed(1, "alice", "alicia"), T0.plusSeconds(3600));
        db.append("user-2", new UserCreated(2, "bob", null, null), T0.plusSeconds(7200));
    }

    @Test
    void replaysEverythingUpToTheHeadWithTimestamps() {
        history();
        Names names = new Names();
        List<long[]> progress = new ArrayList<>();

        long fed = replay.into(names, BoundedReplay.Range.everything(), (done, total) -> progress.add(new long[]{done, total}));

        assertThat(fed).isEqualTo(3);
        assertThat(names.seen).containsExactly("alice", "alice->alicia", "bob");
        assertThat(names.times).containsExactly(T0, T0.plusSeconds(3600), T0.plusSeconds(7200));
        assertThat(progress.get(0)).containsExactly(0, 3);
        assertThat(progress.get(progress.size() - 1)).containsExactly(3, 3);
    }

    @Test
    void stopsAtTheInstantAsked() {
        history();
        Names names = new Names();

        long fed = replay.into(names, BoundedReplay.Range.upTo(T0.plusSeconds(3600)), BoundedReplay.Progress.NONE);

        assertThat(fed).isEqualTo(2);
        assertThat(names.seen).containsExactly("alice", "alice->alicia");
    }

    @Test
    void startsAfterAPositionAsFromASnapshot() {
        history();
        long afterFirst = db.log.after(-1, 1).get(0).position();
        Names names = new Names();

        replay.into(names, BoundedReplay.Range.everything().from(afterFirst), BoundedReplay.Progress.NONE);

        assertThat(names.seen).containsExactly("alice->alicia", "bob");
    }

    @Test
    void eventsAppendedDuringAReplayAreNotFed() {
        history();
        Names names = new Names();
        List<String> appended = new ArrayList<>();

        replay.into(names, new BoundedReplay.Range(-1, Optional.empty()), (done, total) -> {
            if (done == 0 && appended.isEmpty()) {
                db.append("user-3", new UserCreated(3, "carol", null, null), T0.plusSeconds(60));
                appended.add("carol");
            }
        });

        assertThat(names.seen).containsExactly("alice", "alice->alicia", "bob");
    }

    @Test
    void aLongLogComesInOrderThroughTheReadAhead() {
        int count = 10_000;
        for (int i = 1; i <= count; i++) {
            db.append("user-" + i, new UserCreated(i, "user" + i, null, null), T0.plusMillis(i));
        }
        List<Long> ids = new ArrayList<>();
        long fed = replay.into(event -> {
            ids.add(((UserCreated) event.getPayload()).userId());
            return null;
        }, BoundedReplay.Range.upTo(T0.plusMillis(count - 1)), BoundedReplay.Progress.NONE);

        assertThat(fed).isEqualTo(count - 1);
        assertThat(ids).hasSize(count - 1).isSorted().startsWith(1L, 2L).endsWith((long) count - 1);
    }

    @Test
    void aHandlerThatFailsStopsTheReaderAndTheFailureReachesTheCaller() {
        for (int i = 1; i <= 6_000; i++) {
            db.append("user-" + i, new UserCreated(i, "user" + i, null, null), T0.plusMillis(i));
        }
        List<Long> ids = new ArrayList<>();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> replay.into(event -> {
            long id = ((UserCreated) event.getPayload()).userId();
            if (id == 100) {
                throw new IllegalStateException("handler refused " + id);
            }
            ids.add(id);
            return null;
        }, BoundedReplay.Range.everything(), BoundedReplay.Progress.NONE)).hasMessage("handler refused 100");

        assertThat(ids).hasSize(99);
        assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName).doesNotContain("log-read-ahead");
    }
}
