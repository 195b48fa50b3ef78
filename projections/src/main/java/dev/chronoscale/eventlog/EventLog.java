package dev.chronoscale.eventlog;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.UnknownSerializedType;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The one way into the event log. Positions are Axon's global indexes: they grow with each stored event
 * but may have gaps (a rejected insert consumes a value, and a slower transaction may commit a lower index
 * after a higher one is visible). Events come back as the domain's typed records, upcast by the storage
 * engine's upcaster chain; nothing outside this package names Axon's tables.
 */
public final class EventLog {

    private final EventStorageEngine storage;
    private final JdbcTemplate jdbc;

    public EventLog(EventStorageEngine storage, JdbcTemplate jdbc) {
        this.storage = storage;
        this.jdbc = jdbc;
    }

    /** The position of the newest stored event, or -1 for an empty log. */
    public long headPosition() {
        TrackingToken head = storage.createHeadToken();
        return head == null ? -1 : head.position().orElse(-1);
    }

    /** How many events are stored with a position in {@code (after, upTo]}. */
    public long countBetween(long after, long upTo) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE globalIndex > ? AND globalIndex <= ?",
                Long.class, after, upTo);
        return count == null ? 0 : count;
    }

    /**
     * How many positions {@code (after, upTo]} spans from its first stored event: the number of events in it, or a
     * little more where a rolled-back transaction left a gap. An index lookup, where counting reads every row.
     */
    public long positionsBetween(long after, long upTo) {
        Long first = jdbc.queryForObject("SELECT MIN(globalIndex) FROM DomainEventEntry WHERE globalIndex > ?", Long.class, after);
        return first == null || first > upTo ? 0 : upTo - first + 1;
    }

    /** Up to {@code limit} events with a position above {@code after}, in position order. */
    public List<LoggedEvent> after(long after, int limit) {
        List<LoggedEvent> events = new ArrayList<>(Math.min(limit, 1024));
        try (Stream<? extends TrackedEventMessage<?>> stream = storage.readEvents(tokenAfter(after), false)) {
            stream.limit(limit).forEach(message -> events.add(logged(message)));
        }
        return events;
    }

    /** The event at {@code sequenceNumber} of {@code aggregateId}, typed. */
    public Optional<Object> payloadOf(String aggregateId, long sequenceNumber) {
        DomainEventStream stream = storage.readEvents(aggregateId, sequenceNumber);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (message.getSequenceNumber() == sequenceNumber) {
                return Optional.of(payload(message));
            }
            if (message.getSequenceNumber() > sequenceNumber) {
                break;
            }
        }
        return Optional.empty();
    }

    /** One event of one aggregate, in its sequence: when, what, and its metadata (the audit context). */
    public record AggregateEvent(long sequenceNumber, Instant time, Object payload, Map<String, Object> metadata) {
    }

    /** Every event of one aggregate, in sequence order (the policy's versions, say). */
    public List<AggregateEvent> eventsOf(String aggregateId) {
        List<AggregateEvent> events = new ArrayList<>();
        DomainEventStream stream = storage.readEvents(aggregateId, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            events.add(new AggregateEvent(message.getSequenceNumber(), message.getTimestamp(), payload(message),
                    Map.copyOf(message.getMetaData())));
        }
        return events;
    }

    /** The raw messages after {@code after}, for a {@link BoundedReplay}; the caller closes the stream. */
    Stream<? extends TrackedEventMessage<?>> messagesAfter(long after) {
        return storage.readEvents(tokenAfter(after), false);
    }

    static TrackingToken tokenAfter(long after) {
        return after < 0 ? null : GapAwareTrackingToken.newInstance(after, List.of());
    }

    static LoggedEvent logged(TrackedEventMessage<?> message) {
        long position = message.trackingToken().position().orElseThrow();
        String aggregateId = "";
        long sequence = 0;
        if (message instanceof DomainEventMessage<?> domain) {
            aggregateId = domain.getAggregateIdentifier();
            sequence = domain.getSequenceNumber();
        }
        return new LoggedEvent(position, message.getIdentifier(), message.getTimestamp(), aggregateId, sequence,
                payload(message), message.getMetaData());
    }

    private static Object payload(EventMessage<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof UnknownSerializedType unknown) {
            return new UnknownEvent(unknown.serializedType().getName(), unknown.serializedType().getRevision(),
                    unknown.readData(JsonNode.class));
        }
        return payload;
    }
}
