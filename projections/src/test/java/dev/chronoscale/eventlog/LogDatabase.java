package dev.chronoscale.eventlog;

import dev.chronoscale.domain.DomainEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An in-memory H2 database with every migration on the class path, and events appended through Axon's engine. */
public final class LogDatabase {

    public final JdbcDataSource data = new JdbcDataSource();
    public final JdbcTemplate jdbc;
    public final EventStorageEngine engine;
    public final EventLog log;
    private final Map<String, Long> sequences = new HashMap<>();

    public LogDatabase() {
        this(EventUpcasters.ALL);
    }

    /** A database whose engine reads old revisions through {@code upcasters}. */
    public LogDatabase(List<? extends EventUpcaster> upcasters) {
        data.setURL("jdbc:h2:mem:eventlog-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        Flyway.configure().dataSource(data).locations("classpath:db/migration/common").load().migrate();
        jdbc = new JdbcTemplate(data);
        engine = JdbcEventStorage.engine(data, upcasters);
        log = new EventLog(engine, jdbc);
    }

    /** Appends the next event of {@code aggregateId}, recorded at {@code at} by the system. */
    public void append(String aggregateId, DomainEvent event, Instant at) {
        long sequence = sequences.merge(aggregateId, 0L, (last, zero) -> last + 1);
        engine.appendEvents(new GenericDomainEventMessage<>("Aggregate", aggregateId, sequence, event,
                Map.of("actorType", "SYSTEM", "actorId", "test"), UUID.randomUUID().toString(), at));
    }
}
