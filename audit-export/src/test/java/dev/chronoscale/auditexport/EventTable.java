package dev.chronoscale.auditexport;

import dev.chronoscale.auditexport.chain.LogEventContext;
import dev.chronoscale.auditexport.schema.EventContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.eventlog.JdbcEventStorage;
import dev.chronoscale.inventory.InventoryQueries;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An in-memory H2 database with the event log's, the inventory's and the audit trail's migrations, plus a
 * way to store events as the Jackson serializer does.
 */
public final class EventTable {

    public final JdbcTemplate jdbc;
    public final TransactionTemplate transactions;
    public final EventLog log;
    private long globalIndex;
    private long sequence;

    public EventTable() {
        JdbcDataSource data = new JdbcDataSource();
        data.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(data);
        Flyway.configure().dataSource(data).locations("classpath:db/migration/common").load().migrate();
        transactions = new TransactionTemplate(new DataSourceTransactionManager(data));
        log = new EventLog(JdbcEventStorage.engine(data), jdbc);
    }

    /** What the audit mapper looks up, answered from this database's inventory and log. */
    public EventContext context() {
        return new LogEventContext(log, new InventoryQueries(jdbc));
    }

    /** Stores an event caused by an administrator with an API key from 192.0.2.7. */
    public String store(String payloadType, String payloadJson, String aggregateId, Instant time) {
        return store(payloadType, payloadJson, aggregateId, time,
                "{\"actorType\":\"API_KEY\",\"actorId\":\"abc123\",\"remoteAddress\":\"192.0.2.7\",\"reason\":\"ticket 42\",\"traceId\":\"t\"}");
    }

    public String store(String payloadType, String payloadJson, String aggregateId, Instant time, String metadataJson) {
        return storeAt(++globalIndex, payloadType, payloadJson, aggregateId, time, metadataJson);
    }

    public String storeAt(long index, String payloadType, String payloadJson, String aggregateId, Instant time, String metadataJson) {
        globalIndex = Math.max(globalIndex, index);
        String id = UUID.randomUUID().toString();
        Long last = jdbc.queryForObject("SELECT MAX(sequenceNumber) FROM DomainEventEntry WHERE aggregateIdentifier = ?",
                Long.class, aggregateId);
        sequence = last == null ? 0 : last + 1;
        jdbc.update("INSERT INTO DomainEventEntry (globalIndex, eventIdentifier, metaData, payload, payloadType, timeStamp, "
                        + "aggregateIdentifier, sequenceNumber, type) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                index, id, metadataJson.getBytes(StandardCharsets.UTF_8), payloadJson.getBytes(StandardCharsets.UTF_8),
                payloadType, time.toString(), aggregateId, sequence, "Aggregate");
        return id;
    }
}
