package dev.chronoscale.tools.historygen;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

/**
 * Appends simulated events through the storage engine in batches, numbering each aggregate's events from 0 as its
 * repository does, with the metadata the server's correlation providers put on them: the audit context, and the
 * command's message id as trace and correlation id.
 */
final class HistoryWriter {

    private final EventStorageEngine engine;
    private final int batchSize;
    private final Random random;
    private final Map<String, Long> sequences = new HashMap<>();
    private final List<DomainEventMessage<?>> pending = new ArrayList<>();
    private long written;

    HistoryWriter(EventStorageEngine engine, int batchSize, long seed) {
        this.engine = engine;
        this.batchSize = batchSize;
        this.random = new Random(seed);
    }

    /** Queues the events of one command, recorded at {@code at}; appends once a batch is full. */
    void write(Instant at, List<SimulatedEvent> events) {
        String command = uuid();
        for (SimulatedEvent event : events) {
            long sequence = sequences.merge(event.aggregateId(), 0L, (last, zero) -> last + 1);
            Map<String, Object> metadata = new HashMap<>(event.actor().toMetadata());
            metadata.put("traceId", command);
            metadata.put("correlationId", command);
            pending.add(new GenericDomainEventMessage<>(event.aggregateType(), event.aggregateId(), sequence,
                    event.payload(), metadata, uuid(), at));
        }
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    void flush() {
        if (!pending.isEmpty()) {
            engine.appendEvents(pending);
            written += pending.size();
            pending.clear();
        }
    }

    long written() {
        return written;
    }

    /** Event ids from the seeded generator: unique, and much cheaper than {@link UUID#randomUUID()}'s secure random. */
    private String uuid() {
        return new UUID((random.nextLong() & ~0xF000L) | 0x4000L, (random.nextLong() & 0x3FFFFFFFFFFFFFFFL)
                | 0x8000000000000000L).toString();
    }
}
