package dev.chronoscale.app.server;

import dev.chronoscale.history.SnapshotTaker;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Takes time travel's snapshots in the background: on one daemon thread, once at start (catching up with the
 * log) and then every interval. A failed run is logged and the next one tries again; it never stops the server.
 */
public final class HistorySnapshotJob implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(HistorySnapshotJob.class.getName());

    private final Optional<SnapshotTaker> taker;
    private final Duration interval;
    private ScheduledExecutorService thread;

    /** @param taker empty when snapshots are turned off: the job then starts no thread */
    HistorySnapshotJob(Optional<SnapshotTaker> taker, Duration interval) {
        this.taker = taker;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        if (taker.isEmpty() || thread != null) {
            return;
        }
        thread = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("history-snapshots").factory());
        SnapshotTaker snapshots = taker.get();
        thread.scheduleWithFixedDelay(() -> run(snapshots), 0, interval.toMillis(), TimeUnit.MILLISECONDS);
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
        if (thread != null) {
            thread.shutdownNow();
            thread = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return thread != null;
    }
}
