package dev.chronoscale.history;

import dev.chronoscale.inventory.ScratchInventory;
import dev.chronoscale.inventory.InventoryQueries;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The inventory as it stood at an instant, in a private in-memory database that lives until {@link #close}:
 * the same tables and the same queries as the live inventory. {@code connected} holds the nodes that had a map
 * stream open at that instant, as the log recorded their sessions.
 */
public final class InventoryAt implements AutoCloseable {

    private final Instant instant;
    private final long events;
    private final long replayed;
    private final ScratchInventory database;
    private final InventoryQueries queries;
    private final Set<Long> connected;
    private final Map<Long, Instant> lastSeen;

    InventoryAt(Instant instant, long events, long replayed, ScratchInventory database, SessionState sessions) {
        this.instant = instant;
        this.events = events;
        this.replayed = replayed;
        this.database = database;
        this.queries = new InventoryQueries(database.jdbc());
        this.connected = sessions.connected();
        this.lastSeen = sessions.lastSeen();
    }

    public Instant instant() {
        return instant;
    }

    /** How many events of the log the state was built from. */
    public long events() {
        return events;
    }

    /** How many of those events were replayed for this question; the others came from a snapshot. */
    public long replayed() {
        return replayed;
    }

    public InventoryQueries queries() {
        return queries;
    }

    public boolean wasConnected(long nodeId) {
        return connected.contains(nodeId);
    }

    /** When a map stream of the node last opened or closed, up to the instant; empty if none ever did. */
    public Optional<Instant> lastSeen(long nodeId) {
        return Optional.ofNullable(lastSeen.get(nodeId));
    }

    @Override
    public void close() {
        database.close();
    }
}
