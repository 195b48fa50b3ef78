package dev.chronoscale.history;

import dev.chronoscale.inventory.ScratchInventory;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.inventory.InventoryRows;
import dev.chronoscale.inventory.TableRows;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The live inventory projection's handlers writing into a private database, from a snapshot's rows or from the
 * empty tailnet, and the sessions beside them: what an inventory at an instant is replayed into.
 */
final class InventoryFeed {

    private final ScratchInventory database;
    private final AnnotationEventHandlerAdapter inventory;
    private final Sessions sessions;
    private final AnnotationEventHandlerAdapter sessionEvents;
    private InventoryFeed(ScratchInventory database, Optional<HistoryState.InventoryPart> from) {
        this.database = database;
        this.inventory = new AnnotationEventHandlerAdapter(new InventoryProjection(database.jdbc()));
        this.sessions = new Sessions(from.map(HistoryState.InventoryPart::sessions).orElse(SessionState.NONE));
        this.sessionEvents = new AnnotationEventHandlerAdapter(sessions);
    }

    /** From a snapshot's image, refused (IllegalArgumentException) if it is not one; or from the empty tailnet. */
    static InventoryFeed startingAt(Optional<HistoryState.InventoryPart> from) {
        ScratchInventory database = from.map(state -> ScratchInventory.open(state.image())).orElseGet(ScratchInventory::create);
        return new InventoryFeed(database, from);
    }

    /** Runs {@code replay} in the database's one transaction. */
    <T> T replaying(Supplier<T> replay) {
        return database.inTransaction(replay);
    }

    void handle(EventMessage<?> event) throws Exception {
        inventory.handle(event);
        sessionEvents.handle(event);
    }

    /** The inventory's rows and the open sessions as they stand: what a snapshot keeps of this feed. */
    List<TableRows> rows() {
        return InventoryRows.capture(database.jdbc());
    }

    SessionState sessions() {
        return sessions.state();
    }

    /** The result; it owns the database from here on. */
    InventoryAt at(Instant instant, long events, long replayed) {
        return new InventoryAt(instant, events, replayed, database, sessions.state());
    }

    /** Drops the database: after a replay that failed, or when no {@link #at} result took it. */
    void abandon() {
        database.close();
    }
}
