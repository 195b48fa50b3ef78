package dev.chronoscale.inventory;

import dev.chronoscale.eventlog.BoundedReplay;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;

/**
 * Replays every stored event through {@link InventoryProjection} into a private database, then replaces the
 * inventory's tables with its rows in one transaction: readers see either the old tables or the rebuilt ones, and
 * a rebuild that fails leaves the old ones. The replay commits its private database in chunks, which a million
 * events in the store's own transaction could not: that commit alone took H2 about a third of a rebuild.
 */
public class InventoryRebuilder {

    private static final int CHUNK = 20_000;

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
        List<TableRows> rows;
        long replayed;
        try (ScratchInventory rebuilt = ScratchInventory.inMemory()) {
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(new InventoryProjection(rebuilt.jdbc()));
            replayed = rebuilt.inChunks(commit -> {
                long[] handled = {0};
                try {
                    return replay.into(event -> {
                        handlers.handle(event);
                        if (++handled[0] % CHUNK == 0) {
                            commit.run();
                        }
                        return null;
                    }, BoundedReplay.Range.everything(), progress);
                } catch (RuntimeException e) {
                    throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
                }
            });
            rows = InventoryRows.capture(rebuilt.jdbc());
        }
        try {
            transactions.executeWithoutResult(status -> {
                projection.clear();
                InventoryRows.restore(projection.jdbc(), rows);
            });
        } catch (RuntimeException e) {
            throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
        }
        return replayed;
    }
}
