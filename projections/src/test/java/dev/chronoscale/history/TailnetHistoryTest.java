package dev.chronoscale.history;

import dev.chronoscale.inventory.TableRows;
import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.LogDatabase;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapProjection;
import dev.chronoscale.netmap.NetmapUser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.result.NodeNetmap;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The inventory at an instant, asked of the log afterwards, is what the live inventory showed at that instant:
 * a long random history is written, the live read model is recorded at many instants (at events, between
 * them, inside a run of events that share one timestamp, before the first), and each is asked again.
 */
class TailnetHistoryTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase log = new LogDatabase();
    private final LogDatabase liveDb = new LogDatabase();
    private final AnnotationEventHandlerAdapter live = new AnnotationEventHandlerAdapter(new InventoryProjection(liveDb.jdbc));
    private final InventoryQueries liveQueries = new InventoryQueries(liveDb.jdbc);
    private final Set<Long> liveConnected = new HashSet<>();
    private final Map<Long, Instant> liveLastSeen = new HashMap<>();
    private final Netmap liveNetmap = new Netmap();
    private final AnnotationEventHandlerAdapter liveNetmapFeed = new AnnotationEventHandlerAdapter(new NetmapProjection(liveNetmap));
    private Instant clock = T0;
    private long livePosition = -1;

    private TailnetHistory history(Instant now) {
        return new TailnetHistory(new BoundedReplay(log.log), Clock.fixed(now, ZoneOffset.UTC), () -> new NetmapCompiler("http://localhost"));
    }

    private TailnetHistory historyWithSnapshots(Instant now) {
        Clock fixed = Clock.fixed(now, ZoneOffset.UTC);
        return new TailnetHistory(new BoundedReplay(log.log), fixed, () -> new NetmapCompiler("http://localhost"),
                new HistorySnapshots(log.jdbc, fixed));
    }

    /** A snapshot job run at {@code now}: it snapshots every event written more than a minute before. */
    private SnapshotTaker.Result takeSnapshots(Instant now, long everyEvents) {
        Clock fixed = Clock.fixed(now, ZoneOffset.UTC);
        return new SnapshotTaker(new BoundedReplay(log.log), new HistorySnapshots(log.jdbc, fixed), fixed, everyEvents)
                .catchUp();
    }

    private int storedSnapshots(String condition) {
        Integer count = log.jdbc.queryForObject("SELECT COUNT(*) FROM history_snapshot WHERE " + condition, Integer.class);
        return count == null ? 0 : count;
    }

    /**
     * Snapshots are taken at random points of the history (a snapshot job run now and then, each snapshotting
     * every few events), and every recorded instant is asked twice: replayed from the start, and from the
     * newest snapshot before it.
     */
    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4})
    void theInventoryAtEveryRecordedInstantIsWhatTheLiveInventoryShowed(long seed) {
        Random random = new Random(seed);
        Map<Instant, Snapshot> recorded = new LinkedHashMap<>();
        Map<Instant, NetmapSnapshot> recordedNetmaps = new LinkedHashMap<>();
        recorded.put(clock.minusSeconds(1), snapshot());
        recordedNetmaps.put(clock.minusSeconds(1), NetmapSnapshot.of(liveNetmap, liveConnected::contains));
        HistoryGenerator generator = new HistoryGenerator(random);
        boolean recordThisInstant = false;
        for (int i = 0; i < 250; i++) {
            // Events that share a timestamp were written together: an instant includes all of them or none, so
            // what the live inventory showed at an instant is recorded once the clock moves past it.
            if (random.nextInt(3) > 0) {
                if (recordThisInstant) {
                    recorded.put(clock, snapshot());
                    recorded.put(clock.plusMillis(500), snapshot());
                    recordedNetmaps.put(clock, NetmapSnapshot.of(liveNetmap, liveConnected::contains));
                }
                recordThisInstant = random.nextInt(4) == 0;
                clock = clock.plusSeconds(1 + random.nextInt(120));
            }
            for (DomainEvent event : generator.next()) {
                write(event);
            }
            if (random.nextInt(20) == 0) {
                takeSnapshots(clock.plus(SnapshotTaker.SETTLE).plusSeconds(1), 1 + random.nextInt(30));
            }
        }
        recorded.put(clock, snapshot());
        recordedNetmaps.put(clock, NetmapSnapshot.of(liveNetmap, liveConnected::contains));
        assertThat(storedSnapshots("1 = 1")).as("snapshots taken").isPositive();
        long fromSnapshots = 0;
        for (TailnetHistory history : List.of(history(clock.plusSeconds(3600)), historyWithSnapshots(clock.plusSeconds(3600)))) {
            for (Map.Entry<Instant, NetmapSnapshot> entry : recordedNetmaps.entrySet()) {
                NetmapAt past = history.netmapAt(entry.getKey());
                assertThat(NetmapSnapshot.of(past.netmap(), past::wasConnected))
                        .as("the netmap at %s", entry.getKey()).isEqualTo(entry.getValue());
                fromSnapshots += past.events() - past.replayed();
            }
            for (Map.Entry<Instant, Snapshot> entry : recorded.entrySet()) {
                try (InventoryAt past = history.inventoryAt(entry.getKey())) {
                    assertThat(Snapshot.of(past.queries(), past::wasConnected, past::lastSeen))
                            .as("the inventory at %s", entry.getKey()).isEqualTo(entry.getValue());
                    fromSnapshots += past.events() - past.replayed();
                }
            }
            for (Map.Entry<Instant, NetmapSnapshot> entry : recordedNetmaps.entrySet()) {
                try (TailnetAt both = history.tailnetAt(entry.getKey())) {
                    assertThat(NetmapSnapshot.of(both.netmap().netmap(), both.netmap()::wasConnected))
                            .as("the netmap of the tailnet at %s", entry.getKey()).isEqualTo(entry.getValue());
                    assertThat(Snapshot.of(both.inventory().queries(), both.inventory()::wasConnected, both.inventory()::lastSeen))
                            .as("the inventory of the tailnet at %s", entry.getKey()).isEqualTo(recorded.get(entry.getKey()));
                    assertThat(both.inventory().replayed()).isEqualTo(both.netmap().replayed());
                }
            }
        }
        assertThat(fromSnapshots).as("events that came from snapshots rather than a replay").isPositive();
    }

    @Test
    void aSnapshotOfAnotherFormatIsNeverRead() {
        write(new UserCreated(1, "alice", "Alice", null));
        // A made-up state after the first event, so whether the snapshot was read shows in the answer.
        HistoryState ghost = new HistoryState(
                List.of(new TableRows("inv_user", List.of("id", "name", "display_name", "email", "created_at"),
                        List.of(Arrays.asList(99L, "ghost", null, null, "2026-03-03T14:00:00Z")))),
                new NetmapContents(List.of(new NetmapUser(99, "ghost", null, null)), List.of()), Optional.empty(), SessionState.NONE);
        new HistorySnapshots(log.jdbc, Clock.systemUTC()).save(new HistorySnapshot<>(log.log.headPosition(), T0, 1, ghost));
        TailnetHistory history = historyWithSnapshots(T0.plusSeconds(10));
        try (InventoryAt past = history.inventoryAt(T0)) {
            assertThat(past.queries().users()).extracting(u -> u.name()).containsExactly("ghost");
            assertThat(past.replayed()).isZero();
        }
        assertThat(history.netmapAt(T0).netmap().<Optional<NetmapUser>>read(view -> view.user(99))).isPresent();

        log.jdbc.update("UPDATE history_snapshot SET format_version = ?", SnapshotCodec.FORMAT_VERSION - 1);
        try (InventoryAt past = history.inventoryAt(T0)) {
            assertThat(past.queries().users()).extracting(u -> u.name()).containsExactly("alice");
            assertThat(past.replayed()).isEqualTo(1);
        }
        NetmapAt netmap = history.netmapAt(T0);
        assertThat(netmap.netmap().<Optional<NetmapUser>>read(view -> view.user(99))).isEmpty();
        assertThat(netmap.netmap().<Optional<NetmapUser>>read(view -> view.user(1))).isPresent();
    }

    @Test
    void aSnapshotThatCannotBeReadIsPassedOverForTheLog() {
        for (long id = 1; id <= 4; id++) {
            write(new UserCreated(id, "user" + id, "User " + id, null));
        }
        Instant later = clock.plus(SnapshotTaker.SETTLE).plusSeconds(1);
        assertThat(takeSnapshots(later, 4).taken()).isEqualTo(1);
        TailnetHistory history = historyWithSnapshots(later);
        try (InventoryAt past = history.inventoryAt(later)) {
            assertThat(past.replayed()).as("answered from the snapshot").isZero();
        }
        Map<String, Object> stored = log.jdbc.queryForMap("SELECT inventory, state, sessions FROM history_snapshot");
        byte[] notJson = {0, 1, 2, 3};
        byte[] noState = com.github.luben.zstd.Zstd.compress("null".getBytes(StandardCharsets.UTF_8));
        byte[] notADatabase = com.github.luben.zstd.Zstd.compress("not a database".getBytes(StandardCharsets.UTF_8));
        // Each damage makes the questions that read that column replay the log; the others still use the snapshot.
        record Damage(String column, byte[] value, boolean inventoryReads, boolean netmapReads) {
        }
        for (Damage damage : List.of(new Damage("state", notJson, false, true), new Damage("state", noState, false, true),
                new Damage("inventory", notADatabase, true, false), new Damage("inventory", new byte[0], true, false),
                new Damage("sessions", notJson, true, true))) {
            log.jdbc.update("UPDATE history_snapshot SET inventory = ?, state = ?, sessions = ?", stored.get("inventory"),
                    stored.get("state"), stored.get("sessions"));
            log.jdbc.update("UPDATE history_snapshot SET " + damage.column() + " = ?", (Object) damage.value());
            try (InventoryAt past = history.inventoryAt(later)) {
                assertThat(past.replayed()).as("inventory, %s damaged", damage.column()).isEqualTo(damage.inventoryReads() ? 4 : 0);
                assertThat(past.queries().users()).extracting(u -> u.name())
                        .containsExactly("user1", "user2", "user3", "user4");
            }
            assertThat(history.netmapAt(later).replayed()).as("netmap, %s damaged", damage.column())
                    .isEqualTo(damage.netmapReads() ? 4 : 0);
            try (TailnetAt both = history.tailnetAt(later)) {
                assertThat(both.inventory().replayed()).isEqualTo(4);
            }
        }
        assertThat(takeSnapshots(later, 4).taken()).as("the damaged snapshot is replaced").isEqualTo(1);
        try (InventoryAt past = history.inventoryAt(later)) {
            assertThat(past.replayed()).isZero();
        }
    }

    @Test
    void theSnapshotJobReplacesSnapshotsOfAnotherFormat() {
        for (long id = 1; id <= 6; id++) {
            write(new UserCreated(id, "user" + id, "User " + id, null));
        }
        Instant later = clock.plus(SnapshotTaker.SETTLE).plusSeconds(1);
        assertThat(takeSnapshots(later, 2).taken()).isEqualTo(3);
        log.jdbc.update("UPDATE history_snapshot SET format_version = ?", SnapshotCodec.FORMAT_VERSION - 1);

        SnapshotTaker.Result again = takeSnapshots(later, 2);
        assertThat(again.deletedOtherFormats()).isEqualTo(3);
        assertThat(again.taken()).isEqualTo(3);
        assertThat(again.replayed()).isEqualTo(6);
        assertThat(storedSnapshots("format_version = " + SnapshotCodec.FORMAT_VERSION)).isEqualTo(3);
        assertThat(storedSnapshots("format_version <> " + SnapshotCodec.FORMAT_VERSION)).isZero();
        assertThat(takeSnapshots(later, 2)).as("nothing more is due").isEqualTo(new SnapshotTaker.Result(0, 0, 0));
    }

    @Test
    void eventsOfTheLastMinuteAreNotSnapshottedYet() {
        write(new UserCreated(1, "alice", "Alice", null));
        clock = clock.plusSeconds(50);
        write(new UserCreated(2, "bob", "Bob", null));
        assertThat(takeSnapshots(clock.plusSeconds(30), 1).taken()).isEqualTo(1);
        assertThat(takeSnapshots(clock.plus(SnapshotTaker.SETTLE), 1).taken()).isEqualTo(1);
        try (InventoryAt past = historyWithSnapshots(clock.plusSeconds(3600)).inventoryAt(clock)) {
            assertThat(past.events()).isEqualTo(2);
            assertThat(past.replayed()).isZero();
        }
    }

    @Test
    void anInstantBeforeTheFirstEventIsTheEmptyTailnet() {
        write(new UserCreated(1, "alice", "Alice", null));
        try (InventoryAt past = history(T0.plusSeconds(10)).inventoryAt(T0.minusSeconds(1))) {
            assertThat(past.events()).isZero();
            assertThat(past.queries().users()).isEmpty();
        }
        try (InventoryAt past = history(T0.plusSeconds(10)).inventoryAt(T0)) {
            assertThat(past.events()).isEqualTo(1);
            assertThat(past.queries().users()).extracting(u -> u.name()).containsExactly("alice");
        }
    }

    @Test
    void aThreadWhoseContextLoaderSeesNoneOfTheServersJarsStillGetsAnAnswer() throws Exception {
        write(new UserCreated(1, "alice", "Alice", null));
        // As a pool's threads in the packaged server: their context loader is the JDK's, not the one of its jars.
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(new java.net.URLClassLoader(new java.net.URL[0], null));
        try (InventoryAt past = history(T0.plusSeconds(10)).inventoryAt(T0)) {
            assertThat(past.queries().users()).extracting(u -> u.name()).containsExactly("alice");
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void theFutureIsRefused() {
        assertThatThrownBy(() -> history(T0).inventoryAt(T0.plusSeconds(1)))
                .isInstanceOf(DomainException.class).hasMessageContaining("future");
    }

    private void write(DomainEvent event) {
        String aggregate = "aggregate-" + UUID.randomUUID();
        log.append(aggregate, event, clock);
        try {
            GenericDomainEventMessage<DomainEvent> message = new GenericDomainEventMessage<>("Aggregate", aggregate, 0,
                    event, Map.of(), UUID.randomUUID().toString(), clock);
            live.handle(message);
            liveNetmapFeed.handle(new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(++livePosition),
                    message));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        switch (event) {
            case NodeConnected e -> {
                liveConnected.add(e.nodeId());
                liveLastSeen.put(e.nodeId(), clock);
            }
            case NodeDisconnected e -> {
                liveConnected.remove(e.nodeId());
                liveLastSeen.put(e.nodeId(), clock);
            }
            case NodeDeleted e -> {
                liveConnected.remove(e.nodeId());
                liveLastSeen.remove(e.nodeId());
            }
            default -> {
            }
        }
    }

    private Snapshot snapshot() {
        return Snapshot.of(liveQueries, liveConnected::contains, id -> Optional.ofNullable(liveLastSeen.get(id)));
    }

    /** The inventory's tables, which nodes had a session open, and when each node was last seen. */
    private record Snapshot(List<?> users, List<?> nodes, List<?> preAuthKeys, List<?> apiKeys, Object policy,
                            Set<Long> connected, Map<Long, Optional<Instant>> lastSeen) {

        static Snapshot of(InventoryQueries queries, java.util.function.LongPredicate connected,
                           java.util.function.Function<Long, Optional<Instant>> lastSeen) {
            Set<Long> online = new HashSet<>();
            Map<Long, Optional<Instant>> seen = new HashMap<>();
            queries.nodes().forEach(node -> {
                if (connected.test(node.id())) {
                    online.add(node.id());
                }
                seen.put(node.id(), lastSeen.apply(node.id()));
            });
            return new Snapshot(queries.users(), queries.nodes(), queries.preAuthKeys(), queries.apiKeys(),
                    queries.policy(), online, seen);
        }
    }

    /** Every node the netmap holds, what the policy decides for each, and which had a session open. */
    private record NetmapSnapshot(List<NetmapNode> nodes, Map<Long, Optional<NodeNetmap>> policyNetmaps,
                                  boolean policyInForce, Set<Long> connected) {

        static NetmapSnapshot of(Netmap netmap, java.util.function.LongPredicate connected) {
            return netmap.read(view -> {
                List<NetmapNode> nodes = view.nodes().stream().sorted(java.util.Comparator.comparingLong(NetmapNode::id)).toList();
                Map<Long, Optional<NodeNetmap>> decided = new LinkedHashMap<>();
                Set<Long> online = new HashSet<>();
                for (NetmapNode node : nodes) {
                    decided.put(node.id(), view.policyNetmap(node.id()));
                    if (connected.test(node.id())) {
                        online.add(node.id());
                    }
                }
                return new NetmapSnapshot(nodes, decided, view.policyInForce(), online);
            });
        }
    }

    /** Random but consistent events: only users, nodes and keys that exist are changed. */
    private final class HistoryGenerator {

        private final Random random;
        private final Map<Long, String> users = new LinkedHashMap<>();
        private final Map<Long, String> nodes = new LinkedHashMap<>();
        private final List<Long> preAuthKeys = new ArrayList<>();
        private final List<Long> apiKeys = new ArrayList<>();
        private long nextId = 1;
        private long policyVersion;

        HistoryGenerator(Random random) {
            this.random = random;
        }

        List<DomainEvent> next() {
            long id = nextId++;
            if (users.isEmpty() || random.nextInt(8) == 0) {
                users.put(id, "user" + id);
                return List.of(new UserCreated(id, "user" + id, "User " + id, random.nextBoolean() ? null : id + "@example.com"));
            }
            long user = pick(List.copyOf(users.keySet()));
            if (random.nextInt(12) == 0) {
                List<String> groups = List.of("/contractors", "/ops", "/ops/oncall").stream()
                        .filter(g -> random.nextBoolean()).toList();
                return List.of(new UserGroupsChanged(user, users.get(user), groups, groups, List.of(), "keycloak"));
            }
            if (nodes.isEmpty() || random.nextInt(5) == 0) {
                nodes.put(id, "node" + id);
                List<DomainEvent> events = new ArrayList<>();
                Long key = preAuthKeys.isEmpty() || random.nextBoolean() ? null : pick(preAuthKeys);
                events.add(new NodeRegistered(id, "mkey:" + id, "nodekey:" + id, user, List.of(), "host" + id, "node" + id,
                        "100.64.0." + (id % 250), "fd7a:115c:a1e0::" + Long.toHexString(id), null, false, key,
                        key == null ? RegisterMethod.CLI : RegisterMethod.AUTH_KEY));
                if (key != null) {
                    events.add(new PreAuthKeyUsed(key, id, clock));
                }
                return events;
            }
            long node = pick(List.copyOf(nodes.keySet()));
            return switch (random.nextInt(13)) {
                case 0 -> {
                    String name = "renamed" + id;
                    String old = nodes.put(node, name);
                    yield List.of(new NodeRenamed(node, old, name));
                }
                case 1 -> List.of(new NodeTagged(node, List.of(), random.nextBoolean() ? List.of("tag:db") : List.of("tag:web", "tag:ci")));
                case 2 -> List.of(new NodeRoutesAdvertised(node, List.of(), List.of("10.0." + (id % 250) + ".0/24", "0.0.0.0/0")));
                case 3 -> List.of(new NodeRoutesApproved(node, List.of(), List.of("10.0." + (id % 250) + ".0/24")));
                case 4 -> List.of(new NodeExpired(node, clock));
                case 5 -> List.of(new NodeKeyRotated(node, "nodekey:" + node, "nodekey:" + node + "-" + id, clock.plusSeconds(86_400)));
                case 6 -> List.of(new NodeConnected(node));
                case 7 -> List.of(new NodeDisconnected(node));
                case 8 -> {
                    nodes.remove(node);
                    yield List.of(new NodeDeleted(node, "node" + node, null, null));
                }
                case 9 -> {
                    preAuthKeys.add(id);
                    yield List.of(new PreAuthKeyCreated(id, user, "hskey-auth-" + id, "HASH" + id, random.nextBoolean(), false,
                            clock.plusSeconds(3600), List.of()));
                }
                case 10 -> {
                    apiKeys.add(id);
                    yield random.nextBoolean() || apiKeys.size() == 1
                            ? List.of(new ApiKeyCreated(id, "prefix" + id, "HASH" + id, clock.plusSeconds(7200)))
                            : List.of(new ApiKeyExpired(pick(apiKeys.subList(0, apiKeys.size() - 1)), clock));
                }
                case 11 -> {
                    policyVersion++;
                    String text = policyVersion % 2 == 1
                            ? "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]} // v" + policyVersion
                            : "{\"tagOwners\": {\"tag:db\": [], \"tag:web\": [], \"tag:ci\": []}, \"acls\": [{\"action\": \"accept\","
                            + " \"src\": [\"tag:web\"], \"dst\": [\"tag:db:5432\"]}]}";
                    yield List.of(new PolicyUpdated(policyVersion, text,
                            "sha" + policyVersion, policyVersion == 1 ? null : "sha" + (policyVersion - 1)));
                }
                default -> {
                    String name = "renamed" + id;
                    String old = users.put(user, name);
                    if (random.nextInt(3) == 0 && nodes.isEmpty()) {
                        users.remove(user);
                        yield List.of(new UserDeleted(user, old, false));
                    }
                    yield List.of(new UserRenamed(user, old, name));
                }
            };
        }

        private long pick(List<Long> ids) {
            return ids.get(random.nextInt(ids.size()));
        }
    }
}
