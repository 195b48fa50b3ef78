package dev.chronoscale.inventory;

import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.common.stream.BlockingStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Drops the inventory and replays every stored event through {@link InventoryProjection}, in one
 * transaction: readers see either the old tables or the rebuilt ones.
 */
public class InventoryRebuilder {

    /** Told how far the replay has come; {@code total} is the number of events when the replay began. */
    @FunctionalInterface
    public interface Progress {
        void update(long done, long total);
    }

    private final EventStore eventStore;
    private final InventoryProjection projection;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;

    public InventoryRebuilder(EventStore eventStore, InventoryProjection projection, JdbcTemplate jdbc,
                              TransactionTemplate transactions) {
        this.eventStore = eventStore;
        this.projection = projection;
        this.jdbc = jdbc;
        this.transactions = transactions;
    }

    /** Returns the number of events replayed. */
    public long rebuild(Progress progress) {
        Long stored = jdbc.queryForObject("SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        long total = stored == null ? 0 : stored;
        Long replayed = transactions.execute(status -> {
            projection.clear();
            AnnotationEventHandlerAdapter handlers = new AnnotationEventHandlerAdapter(projection);
            long done = 0;
            progress.update(0, total);
            try (BlockingStream<TrackedEventMessage<?>> stream = eventStore.openStream(null)) {
                while (done < total && stream.hasNextAvailable()) {
                    TrackedEventMessage<?> event = stream.nextAvailable();
                    handlers.handle(event);
                    done++;
                    if (done % 500 == 0 || done == total) {
                        progress.update(done, total);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("rebuild interrupted", e);
            } catch (Exception e) {
                throw new IllegalStateException("rebuild failed: " + e.getMessage(), e);
            }
            return done;
        });
        return replayed == null ? 0 : replayed;
    }
}
