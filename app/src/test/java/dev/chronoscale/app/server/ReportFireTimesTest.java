package dev.chronoscale.app.server;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFireTimesTest {

    private static final Instant NOW = Instant.parse("2026-03-05T14:20:00Z");

    @Test
    void aScheduleThatNeverRanIsDueForItsMostRecentFireTimeOnly() {
        assertThat(ReportFireTimes.due("0 6 * * *", Optional.empty(), NOW, 100))
                .containsExactly(Instant.parse("2026-03-05T06:00:00Z"));
        assertThat(ReportFireTimes.due("0 6 1 */3 *", Optional.empty(), NOW, 100))
                .containsExactly(Instant.parse("2026-01-01T06:00:00Z"));
    }

    @Test
    void runsMissedWhileTheServerWasDownAreEachDueOldestFirst() {
        assertThat(ReportFireTimes.due("0 6 * * *", Optional.of(Instant.parse("2026-03-02T06:00:00Z")), NOW, 100))
                .containsExactly(Instant.parse("2026-03-03T06:00:00Z"), Instant.parse("2026-03-04T06:00:00Z"),
                        Instant.parse("2026-03-05T06:00:00Z"));
    }

    @Test
    void nothingIsDueWhenTheLastFireTimeHasRun() {
        assertThat(ReportFireTimes.due("0 6 * * *", Optional.of(Instant.parse("2026-03-05T06:00:00Z")), NOW, 100)).isEmpty();
        assertThat(ReportFireTimes.due("0 6 * * *", Optional.of(Instant.parse("2026-03-05T06:00:00Z")),
                Instant.parse("2026-03-06T05:59:59Z"), 100)).isEmpty();
        assertThat(ReportFireTimes.due("0 6 * * *", Optional.of(Instant.parse("2026-03-05T06:00:00Z")),
                Instant.parse("2026-03-06T06:00:00Z"), 100)).containsExactly(Instant.parse("2026-03-06T06:00:00Z"));
    }

    @Test
    void whenMoreRunsWereMissedThanKeptTheMostRecentAreMade() {
        List<Instant> due = ReportFireTimes.due("0 * * * *", Optional.of(Instant.parse("2026-03-01T00:00:00Z")), NOW, 10);
        assertThat(due).hasSize(10).last().isEqualTo(Instant.parse("2026-03-05T14:00:00Z"));
        assertThat(due.get(0)).isEqualTo(Instant.parse("2026-03-05T05:00:00Z"));
    }

    @Test
    void fireTimesAreInUtc() {
        assertThat(ReportFireTimes.due("30 23 * * 1", Optional.empty(), NOW, 100))
                .as("the Monday before NOW, a Thursday").containsExactly(Instant.parse("2026-03-02T23:30:00Z"));
    }
}
