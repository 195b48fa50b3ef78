package dev.chronoscale.history;

import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.eventhandling.EventMessage;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Everything a snapshot holds, kept by the live projections' handlers as the log is replayed: an inventory feed and
 * a netmap feed, as a question at an instant uses them. Nothing reads a node's netmap here, so the netmap never
 * compiles the policy: a snapshot needs the netmap's contents and the policy's text, not what it decides.
 */
final class SnapshotReplica implements AutoCloseable {

    /** Never called back: nothing here asks a netmap for what the policy decides. */
    private static final NetmapCompiler UNUSED = new NetmapCompiler("http://localhost");

    private final InventoryFeed inventory;
    private final NetmapFeed netmap;

    private SnapshotReplica(InventoryFeed inventory, Optional<HistoryState.Parts> from) {
        this.inventory = inventory;
        this.netmap = new NetmapFeed(UNUSED, new PolicyParser(), from.map(HistoryState.Parts::netmap));
    }

    /** The state of {@code from}, or the empty tailnet; refused (IllegalArgumentException) if its image does not open. */
    static SnapshotReplica startingAt(Optional<HistoryState.Parts> from) {
        InventoryFeed inventory = InventoryFeed.startingAt(from.map(HistoryState.Parts::inventory));
        try {
            return new SnapshotReplica(inventory, from);
        } catch (RuntimeException e) {
            inventory.abandon();
            throw e;
        }
    }

    void handle(EventMessage<?> event) throws Exception {
        inventory.handle(event);
        netmap.handle(event);
    }

    HistoryState capture() {
        return new HistoryState(inventory.rows(), netmap.contents(), netmap.policyText(), inventory.sessions());
    }

    <T> T inTransaction(Supplier<T> work) {
        return inventory.replaying(work);
    }

    @Override
    public void close() {
        inventory.abandon();
    }
}
