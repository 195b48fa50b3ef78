package dev.chronoscale.eventlog;

import dev.chronoscale.domain.DomainEvent;

import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * One event of the log as its readers see it: its position (Axon's global index), when it happened, the
 * aggregate it belongs to, its payload as the domain's typed record (or an {@link UnknownEvent} for a type
 * this build does not know), and its metadata (the audit context).
 */
public record LoggedEvent(long position, String eventId, Instant time, String aggregateId, long sequenceNumber,
                          Object payload, Map<String, Object> metadata) {

    public LoggedEvent {
        if (!(payload instanceof DomainEvent) && !(payload instanceof UnknownEvent)) {
            throw new IllegalArgumentException("not an event payload: " + payload.getClass().getName());
        }
        metadata = Collections.unmodifiableMap(new HashMap<>(metadata));
    }

    /** The payload's simple type name, e.g. {@code NodeRegistered}. */
    public String typeName() {
        return payload instanceof UnknownEvent unknown ? unknown.simpleName() : payload.getClass().getSimpleName();
    }
}
