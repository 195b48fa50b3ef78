package dev.chronoscale.auditexport.delivery;

import dev.chronoscale.auditexport.chain.AuditChainAppender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the audit chain up with the event store: every {@code pollInterval} it appends what has been
 * stored since and wakes the sinks. Work is bounded by the appender's page size.
 */
public final class AuditChainFollower implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AuditChainFollower.class);

    private final AuditChainAppender appender;
    private final List<SinkDelivery> deliveries;
    private final Duration pollInterval;
    private final Thread thread;
    private volatile boolean running = true;

    public AuditChainFollower(AuditChainAppender appender, List<SinkDelivery> deliveries, Duration pollInterval) {
        this.appender = appender;
        this.deliveries = List.copyOf(deliveries);
        this.pollInterval = pollInterval;
        this.thread = Thread.ofPlatform().daemon().name("audit-chain").unstarted(this::run);
    }

    public void start() {
        thread.start();
    }

    /** Appends what is available now (also used by requests that need an up-to-date trail). */
    public long catchUp() {
        long appended = appender.appendAvailable();
        if (appended > 0) {
            deliveries.forEach(SinkDelivery::wake);
        }
        return appended;
    }

    private void run() {
        while (running) {
            try {
                catchUp();
            } catch (RuntimeException e) {
                LOG.warn("audit chain: cannot append new events yet: {}", e.getMessage());
            }
            try {
                Thread.sleep(pollInterval.toMillis());
            } catch (InterruptedException e) {
                return;
            }
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
    }
}
