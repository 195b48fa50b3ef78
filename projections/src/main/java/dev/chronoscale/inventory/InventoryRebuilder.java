package dev.chronoscale.inventory;

import dev.chronoscale.eventlog.BoundedReplay;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the inventory and replays every stored event through {@link InventoryProjection}, in one
 * transaction: readers see either the old tables or the rebuilt ones.
 */
public class InventoryRebuilder {

    private final BoundedReplay replay;
    private final InventoryProjection projection;
    private final TransactionTemplate transactions;

    public InventoryRebuilder(BoundedReplay replay, InventoryProjection projection, TransactionTemplate transactions) {
        this.replay = replay;
        this.projection = projection;
        this.transactions = transactions;
    }

    /** Returns the number of events replayed. */
    public long rebuild(BoundedReplay.Progress progress) {
        Long replayed = transactions.execute(status -> {
            projection.clear();
            try {
                return replay.into(projection, BoundedReplay.Range.everything(), progress);
            } catch (RuntimeException e) {
                throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
            }
        });
        return replayed == null ? 0 : replayed;
    }
}
