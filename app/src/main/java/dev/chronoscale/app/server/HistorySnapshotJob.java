package dev.chronoscale.app.server;

import dev.chronoscale.history.SnapshotTaker;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;

/**
 * Takes time travel's snapshots in the background: on one daemon thread, once at start (catching up with the
 * log) and then every interval. A failed run is logged and the next one tries again; it never stops the server.
 */
public final class HistorySnapshotJob implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(HistorySnapshotJob.class.getName());

    private final Optional<SnapshotTaker> taker;
    private final Duration interval;
    private final BackgroundThread thread = new BackgroundThread("history-snapshots");

    /** @param taker empty when snapshots are turned off: the job then starts no thread */
    HistorySnapshotJob(Optional<SnapshotTaker> taker, Duration interval) {
        this.taker = taker;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        taker.ifPresent(snapshots -> thread.start(() -> run(snapshots), interval));
    }

    private void run(SnapshotTaker snapshots) {
        try {
            SnapshotTaker.Result result = snapshots.catchUp();
            if (result.taken() > 0 || result.deletedOtherFormats() > 0) {
                LOG.log(System.Logger.Level.INFO, "history snapshots: " + result.taken() + " taken after replaying "
                        + result.replayed() + " events" + (result.deletedOtherFormats() > 0
                        ? ", " + result.deletedOtherFormats() + " of an older format deleted" : ""));
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "taking history snapshots failed; trying again in " + interval, e);
        }
    }

    @Override
    public synchronized void stop() {
        thread.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return thread.isRunning();
    }
}
