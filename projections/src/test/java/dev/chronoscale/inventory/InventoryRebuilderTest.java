package dev.chronoscale.inventory;

import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.LogDatabase;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericEventMessage;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InventoryRebuilderTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase db = new LogDatabase();
    private final InventoryProjection projection = new InventoryProjection(db.jdbc);
    private final InventoryQueries queries = new InventoryQueries(db.jdbc);
    private final InventoryRebuilder rebuilder = new InventoryRebuilder(new BoundedReplay(db.log), projection,
            new TransactionTemplate(new DataSourceTransactionManager(db.data)));

    /** Appends to the log and applies to the store's inventory, as the server does. */
    private void record(String aggregate, Object event, Instant at) throws Exception {
        db.append(aggregate, (dev.chronoscale.domain.DomainEvent) event, at);
        new AnnotationEventHandlerAdapter(projection).handle(GenericEventMessage.asEventMessage(event));
    }

    @Test
    void theRebuiltTablesAreWhatTheEventsMadeThemAcrossSeveralChunks() throws Exception {
        // More events than one chunk of the rebuild's private database holds between commits.
        for (long id = 1; id <= 25_000; id++) {
            db.append("user-" + id, new UserCreated(id, "user" + id, "User " + id, null), T0.plusMillis(id));
        }
        db.append("user-7", new UserRenamed(7, "user7", "seven"), T0.plusSeconds(60));
        db.append("user-8", new UserDeleted(8, "user8", false), T0.plusSeconds(61));
        List<Long[]> progress = new ArrayList<>();

        long replayed = rebuilder.rebuild((done, total) -> progress.add(new Long[] {done, total}));

        assertThat(replayed).isEqualTo(25_002);
        assertThat(queries.users()).hasSize(24_999);
        assertThat(queries.userByName("seven")).isPresent();
        assertThat(queries.userByName("user8")).isEmpty();
        assertThat(progress.get(progress.size() - 1)).containsExactly(25_002L, 25_002L);
    }

    @Test
    void aRebuildThatFailsLeavesTheOldTables() throws Exception {
        record("user-1", new UserCreated(1, "alice", null, null), T0);
        record("user-2", new UserCreated(2, "bob", null, null), T0.plusSeconds(1));
        // A stored event this build cannot decode.
        db.jdbc.update("UPDATE DomainEventEntry SET payload = ? WHERE aggregateIdentifier = 'user-2'",
                (Object) "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8));

        assertThatThrownBy(() -> rebuilder.rebuild(BoundedReplay.Progress.NONE)).hasMessageStartingWith("rebuild failed: ");
        assertThat(queries.users()).extracting(InventoryViews.UserView::name).containsExactly("alice", "bob");
    }
}
