package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.history.HistorySnapshots;
import dev.chronoscale.history.SnapshotTaker;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.Optional;

/** Time travel's snapshots: where they are stored, and the job that takes them ({@code history.*} keys). */
@Configuration(proxyBeanMethods = false)
public class HistorySnapshotConfiguration {

    @Bean
    HistorySnapshots historySnapshots(JdbcTemplate jdbc, Clock clock) {
        return new HistorySnapshots(jdbc, clock);
    }

    /** With {@code history.snapshot_every_events: 0} the job takes none; the snapshots already stored are still read. */
    @Bean
    HistorySnapshotJob historySnapshotJob(@Qualifier("historyReplay") BoundedReplay replay, HistorySnapshots snapshots, Clock clock,
                                          ChronoscaleConfig config) {
        ChronoscaleConfig.History history = config.history();
        Optional<SnapshotTaker> taker = history.snapshots()
                ? Optional.of(new SnapshotTaker(replay, snapshots, clock, history.snapshotEveryEvents()))
                : Optional.empty();
        return new HistorySnapshotJob(taker, history.snapshotInterval());
    }
}
