package dev.chronoscale.app.server;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread a background job (group sync, history snapshots, report schedules) runs on: started once,
 * stopped with the server. The job keeps its own lifecycle and its locking; this holds only the thread.
 */
final class BackgroundThread {

    private final String name;
    private ScheduledExecutorService executor;

    BackgroundThread(String name) {
        this.name = name;
    }

    /** Runs {@code task} now and again {@code delay} after each run ends (a zero delay: only now); once started, nothing. */
    synchronized void start(Runnable task, Duration delay) {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        if (delay.isZero()) {
            executor.execute(task);
        } else {
            executor.scheduleWithFixedDelay(task, 0, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    synchronized boolean isRunning() {
        return executor != null;
    }
}
