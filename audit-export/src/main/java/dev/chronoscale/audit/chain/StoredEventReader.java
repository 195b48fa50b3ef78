package dev.chronoscale.audit.chain;

import dev.chronoscale.audit.schema.EventContext;
import dev.chronoscale.audit.schema.StoredEvent;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Reads Axon's event table directly, a page at a time, and answers the mapper's look-ups from the
 * inventory. Only this class knows the event table's column names.
 */
public final class StoredEventReader implements EventContext {

    private final JdbcTemplate jdbc;

    public StoredEventReader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Up to {@code limit} events after {@code globalIndex}, in global order. */
    public List<StoredEvent> after(long globalIndex, int limit) {
        return jdbc.query("SELECT globalIndex, eventIdentifier, payloadType, payload, metaData, timeStamp, "
                        + "aggregateIdentifier, sequenceNumber FROM DomainEventEntry WHERE globalIndex > ? "
                        + "ORDER BY globalIndex LIMIT " + limit,
                (rs, row) -> new StoredEvent(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                        rs.getBytes(5), Instant.parse(rs.getString(6)), rs.getString(7), rs.getLong(8)),
                globalIndex);
    }

    @Override
    public Optional<String> nodeName(long nodeId) {
        return jdbc.query("SELECT given_name FROM inv_node WHERE id = ?", (rs, row) -> rs.getString(1), nodeId)
                .stream().findFirst();
    }

    @Override
    public Optional<String> userName(long userId) {
        return jdbc.query("SELECT name FROM inv_user WHERE id = ?", (rs, row) -> rs.getString(1), userId)
                .stream().findFirst();
    }

    @Override
    public Optional<byte[]> payloadOf(String aggregateId, long sequenceNumber) {
        return jdbc.query("SELECT payload FROM DomainEventEntry WHERE aggregateIdentifier = ? AND sequenceNumber = ?",
                (rs, row) -> rs.getBytes(1), aggregateId, sequenceNumber).stream().findFirst();
    }
}
