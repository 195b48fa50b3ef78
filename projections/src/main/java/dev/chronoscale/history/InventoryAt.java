package dev.chronoscale.history;

import dev.chronoscale.inventory.InventoryQueries;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import java.time.Instant;
import java.util.Set;

/**
 * The inventory as it stood at an instant, in a private in-memory database that lives until {@link #close}:
 * the same tables and the same queries as the live inventory. {@code connected} holds the nodes that had a map
 * stream open at that instant, as the log recorded their sessions.
 */
public final class InventoryAt implements AutoCloseable {

    private final Instant instant;
    private final long events;
    private final JdbcTemplate jdbc;
    private final InventoryQueries queries;
    private final Set<Long> connected;

    InventoryAt(Instant instant, long events, JdbcTemplate jdbc, Set<Long> connected) {
        this.instant = instant;
        this.events = events;
        this.jdbc = jdbc;
        this.queries = new InventoryQueries(jdbc);
        this.connected = Set.copyOf(connected);
    }

    public Instant instant() {
        return instant;
    }

    /** How many events of the log the state was built from. */
    public long events() {
        return events;
    }

    public InventoryQueries queries() {
        return queries;
    }

    public boolean wasConnected(long nodeId) {
        return connected.contains(nodeId);
    }

    @Override
    public void close() {
        jdbc.execute("SHUTDOWN");
        if (jdbc.getDataSource() instanceof SingleConnectionDataSource single) {
            single.destroy();
        }
    }
}
