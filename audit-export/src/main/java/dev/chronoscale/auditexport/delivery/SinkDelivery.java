package dev.chronoscale.auditexport.delivery;

import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Feeds one sink from the audit trail on its own thread: reads a page after the sink's checkpoint,
 * delivers it, and only then moves the checkpoint. A failed page is retried, with back-off, until the
 * receiver takes it, so nothing is skipped and nothing is held in memory beyond one page.
 */
public final class SinkDelivery implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkDelivery.class);

    private final String name;
    private final AuditSink sink;
    private final AuditTrailStore trail;
    private final SinkCheckpointStore checkpoints;
    private final Backoff backoff;
    private final int batchSize;
    private final Clock clock;
    private final Duration idlePoll;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Thread thread;
    private volatile boolean running = true;
    private boolean woken;

    private volatile long deliveredPosition;
    private volatile String deliveredEventId;
    private volatile long delivered;
    private volatile long failures;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile Instant nextAttemptAt;

    public SinkDelivery(String name, AuditSink sink, AuditTrailStore trail, SinkCheckpointStore checkpoints,
                        Backoff backoff, int batchSize, Clock clock, Duration idlePoll) {
        this.name = name;
        this.sink = sink;
        this.trail = trail;
        this.checkpoints = checkpoints;
        this.backoff = backoff;
        this.batchSize = batchSize;
        this.clock = clock;
        this.idlePoll = idlePoll;
        this.thread = Thread.ofPlatform().daemon().name("audit-sink-" + name).unstarted(this::run);
    }

    public String name() {
        return name;
    }

    public void start() {
        deliveredPosition = checkpoints.delivered(name);
        thread.start();
    }

    /** New records are in the trail. */
    public void wake() {
        lock.lock();
        try {
            woken = true;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public SinkStatus status() {
        long head = trail.head().position();
        return new SinkStatus(name, sink.type(), deliveredPosition, Optional.ofNullable(deliveredEventId), head,
                Math.max(0, head - deliveredPosition), delivered, failures, Optional.ofNullable(lastError),
                Optional.ofNullable(lastErrorAt), Optional.ofNullable(nextAttemptAt));
    }

    private void run() {
        long consecutiveFailures = 0;
        while (running) {
            try {
                List<ChainedRecord> page = trail.page(deliveredPosition, batchSize);
                if (page.isEmpty()) {
                    await(idlePoll, true);
                    continue;
                }
                sink.deliver(page);
                ChainedRecord last = page.get(page.size() - 1);
                checkpoints.save(name, last.position(), last.eventId());
                deliveredPosition = last.position();
                deliveredEventId = last.eventId();
                delivered += page.size();
                consecutiveFailures = 0;
                nextAttemptAt = null;
            } catch (InterruptedException e) {
                if (!running) {
                    return;
                }
            } catch (Exception e) {
                consecutiveFailures++;
                failures++;
                lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
                lastErrorAt = clock.instant();
                Duration delay = backoff.after(consecutiveFailures);
                nextAttemptAt = lastErrorAt.plus(delay);
                if (consecutiveFailures == 1 || consecutiveFailures % 20 == 0) {
                    LOG.warn("audit sink {}: delivery failed ({} in a row), retrying in {}: {}", name, consecutiveFailures,
                            delay, lastError);
                }
                try {
                    await(delay, false);
                } catch (InterruptedException stop) {
                    return;
                }
            }
        }
    }

    /** Waits for {@code timeout}; when {@code wakeable}, new records end the wait early. */
    private void await(Duration timeout, boolean wakeable) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            if (wakeable && woken) {
                woken = false;
                return;
            }
            while (running && nanos > 0 && !(wakeable && woken)) {
                nanos = work.awaitNanos(nanos);
            }
            woken = false;
        } finally {
            lock.unlock();
        }
        if (!running) {
            throw new InterruptedException("stopped");
        }
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sink.close();
    }
}
