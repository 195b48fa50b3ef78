package dev.chronoscale.history;

import dev.chronoscale.inventory.ScratchInventory;
import dev.chronoscale.inventory.InventoryRows;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapProjection;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;

import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Everything a snapshot holds, kept by the live projections' handlers as the log is replayed: the inventory in a
 * private database, the netmap's users and nodes, the policy text in force and the open sessions. The netmap is
 * never given the policy (only {@link PolicyInForce} is), so no event makes it compile one: a snapshot needs the
 * netmap's contents, not what the policy decides for each node.
 */
final class SnapshotReplica implements AutoCloseable {

    private final ScratchInventory database;
    private final AnnotationEventHandlerAdapter inventory;
    private final Netmap netmap = new Netmap();
    private final AnnotationEventHandlerAdapter netmapFeed = new AnnotationEventHandlerAdapter(new NetmapProjection(netmap));
    private final PolicyInForce policy;
    private final AnnotationEventHandlerAdapter policyFeed;
    private final Sessions sessions;
    private final AnnotationEventHandlerAdapter sessionFeed;

    private SnapshotReplica(ScratchInventory database, Optional<HistoryState.NetmapPart> from) {
        this.database = database;
        this.inventory = new AnnotationEventHandlerAdapter(new InventoryProjection(database.jdbc()));
        this.policy = new PolicyInForce(from.flatMap(HistoryState.NetmapPart::policy));
        this.policyFeed = new AnnotationEventHandlerAdapter(policy);
        this.sessions = new Sessions(from.map(HistoryState.NetmapPart::connected).orElse(Set.of()));
        this.sessionFeed = new AnnotationEventHandlerAdapter(sessions);
        from.ifPresent(state -> state.netmap().restoreInto(netmap));
    }

    /** The state of {@code from}, or the empty tailnet. */
    static SnapshotReplica startingAt(Optional<HistoryState.Parts> from) {
        ScratchInventory database = from.map(parts -> ScratchInventory.open(parts.inventory().image()))
                .orElseGet(ScratchInventory::create);
        try {
            return new SnapshotReplica(database, from.map(HistoryState.Parts::netmap));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    void handle(EventMessage<?> event) throws Exception {
        inventory.handle(event);
        if (!(event.getPayload() instanceof PolicyEvent)) {
            netmapFeed.handle(event);
        }
        policyFeed.handle(event);
        sessionFeed.handle(event);
    }

    HistoryState capture() {
        return new HistoryState(InventoryRows.capture(database.jdbc()), NetmapContents.of(netmap), policy.text(),
                sessions.connected());
    }

    <T> T inTransaction(Supplier<T> work) {
        return database.inTransaction(work);
    }

    @Override
    public void close() {
        database.close();
    }
}
