package dev.chronoscale.eventlog;

import org.axonframework.eventhandling.TrackedEventMessage;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Reads the log on a thread of its own, a few thousand events ahead of the one that handles them: the queries and
 * the decoding of each payload (about half of what a replay costs) run on a second core while the handlers run on
 * the first. The events come out in log order, up to the first one {@code keep} refuses. Closing it stops the reader.
 */
final class ReadAhead implements AutoCloseable {

    private static final int BATCH = 256;
    private static final int BATCHES_AHEAD = 16;

    /** What the queue holds: events, then either the end or what the reader failed with. */
    private sealed interface Item {
    }

    private record Events(List<TrackedEventMessage<?>> events) implements Item {
    }

    private record End(RuntimeException failure) implements Item {
    }

    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean stopped;
    private Iterator<TrackedEventMessage<?>> current = List.<TrackedEventMessage<?>>of().iterator();
    private boolean ended;

    private ReadAhead(Supplier<Stream<? extends TrackedEventMessage<?>>> log, Predicate<TrackedEventMessage<?>> keep) {
        reader = Thread.ofPlatform().name("log-read-ahead").daemon(true).unstarted(() -> read(log, keep));
    }

    /** Starts reading {@code log}, which is opened, and closed, on the reader's thread. */
    static ReadAhead start(Supplier<Stream<? extends TrackedEventMessage<?>>> log, Predicate<TrackedEventMessage<?>> keep) {
        ReadAhead readAhead = new ReadAhead(log, keep);
        readAhead.reader.start();
        return readAhead;
    }

    /** The next event, or null after the last. */
    TrackedEventMessage<?> next() {
        while (!current.hasNext()) {
            if (ended) {
                return null;
            }
            Item item = take();
            switch (item) {
                case Events batch -> current = batch.events().iterator();
                case End end -> {
                    ended = true;
                    if (end.failure() != null) {
                        throw end.failure();
                    }
                }
            }
        }
        return current.next();
    }

    private void read(Supplier<Stream<? extends TrackedEventMessage<?>>> log, Predicate<TrackedEventMessage<?>> keep) {
        RuntimeException failure = null;
        try (Stream<? extends TrackedEventMessage<?>> stream = log.get()) {
            Iterator<? extends TrackedEventMessage<?>> events = stream.iterator();
            List<TrackedEventMessage<?>> batch = new ArrayList<>(BATCH);
            while (!stopped && events.hasNext()) {
                TrackedEventMessage<?> event = events.next();
                if (!keep.test(event)) {
                    break;
                }
                // Decoded here, on this thread, rather than when a handler first reads it. The metadata (actor,
                // address, reason) no projection reads is left for whoever asks.
                event.getPayload();
                batch.add(event);
                if (batch.size() == BATCH) {
                    put(new Events(batch));
                    batch = new ArrayList<>(BATCH);
                }
            }
            if (!batch.isEmpty()) {
                put(new Events(batch));
            }
        } catch (InterruptedException e) {
            return;
        } catch (RuntimeException e) {
            failure = e;
        }
        try {
            put(new End(failure));
        } catch (InterruptedException e) {
            // Closed meanwhile: nobody is waiting for the end.
        }
    }

    /** Waits for room, giving up once the consumer has closed this. */
    private void put(Item item) throws InterruptedException {
        while (!queue.offer(item, 100, TimeUnit.MILLISECONDS)) {
            if (stopped) {
                throw new InterruptedException("read-ahead closed");
            }
        }
    }

    private Item take() {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the event log", e);
        }
    }

    @Override
    public void close() {
        stopped = true;
        queue.clear();
        try {
            reader.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
