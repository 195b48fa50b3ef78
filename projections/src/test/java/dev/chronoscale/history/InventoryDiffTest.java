package dev.chronoscale.history;

import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.LogDatabase;
import dev.chronoscale.history.EntityChange.FieldChange;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class InventoryDiffTest {

    private static final Instant T0 = Instant.parse("2026-03-03T09:00:00Z");

    private final LogDatabase log = new LogDatabase();

    private static NodeRegistered node(long id, String name) {
        return new NodeRegistered(id, "mkey:" + id, "nodekey:" + id, 1L, List.of(), name, name, "100.64.0." + id,
                "fd7a:115c:a1e0::" + id, null, false, null, RegisterMethod.CLI);
    }

    @Test
    void saysWhatWasAddedRemovedAndChangedFieldByField() {
        log.append("user-1", new UserCreated(1, "alice", "Alice", null), T0);
        log.append("node-1", node(1, "db"), T0);
        log.append("node-2", node(2, "old-laptop"), T0);
        log.append("node-1", new NodeRenamed(1, "db", "patient-db"), T0.plusSeconds(3600));
        log.append("node-1", new NodeTagged(1, List.of(), List.of("tag:db")), T0.plusSeconds(3600));
        log.append("node-1", new NodeRoutesApproved(1, List.of(), List.of("10.0.0.0/24")), T0.plusSeconds(3600));
        log.append("node-2", new NodeDeleted(2, "old-laptop", "100.64.0.2", null), T0.plusSeconds(3700));
        log.append("user-2", new UserCreated(2, "bob", "Bob", "bob@example.com"), T0.plusSeconds(3800));
        TailnetHistory history = new TailnetHistory(new BoundedReplay(log.log), Clock.fixed(T0.plusSeconds(7200), ZoneOffset.UTC),
                () -> new NetmapCompiler("http://localhost"));

        List<EntityChange> changes;
        try (InventoryAt before = history.inventoryAt(T0); InventoryAt after = history.inventoryAt(T0.plusSeconds(7200))) {
            changes = InventoryDiff.between(before.queries(), after.queries());
        }

        assertThat(changes).extracting(c -> c.kind() + " " + c.id() + " " + c.change() + " " + c.name())
                .containsExactly("user 2 added bob", "node 1 changed patient-db", "node 2 removed old-laptop");
        assertThat(changes.get(1).fields()).containsExactly(
                new FieldChange("givenName", "db", "patient-db"),
                new FieldChange("tags", "", "tag:db"),
                new FieldChange("approvedRoutes", "", "10.0.0.0/24"));
        assertThat(changes.get(0).fields()).contains(new FieldChange("email", null, "bob@example.com"));
        assertThat(changes.get(2).fields()).contains(new FieldChange("givenName", "old-laptop", null));
    }
}
