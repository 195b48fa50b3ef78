package dev.chronoscale.audit.schema;

import java.time.Instant;

/**
 * One row of Axon's {@code DomainEventEntry}: the payload and metadata as the JSON the Jackson
 * serializer wrote. Read directly so unknown and future event types can be mapped without their classes.
 */
public record StoredEvent(long globalIndex, String eventId, String payloadType, byte[] payload, byte[] metadata,
                          Instant time, String aggregateId, long sequenceNumber) {
}
