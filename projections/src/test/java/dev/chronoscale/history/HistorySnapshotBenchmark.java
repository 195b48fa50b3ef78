package dev.chronoscale.history;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.LogDatabase;
import dev.chronoscale.netmap.compile.NetmapCompiler;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Prints what a history snapshot of a 10,000-node tailnet costs to store, and what a question about the last
 * instant costs with and without it. Run from the IDE or:
 * {@code java -cp <test classpath> dev.chronoscale.history.HistorySnapshotBenchmark}.
 *
 * <p>The tailnet: 1,000 users with 10 devices each, every node with its client software, endpoints, a DERP
 * region and a disco key, a tenth advertising (and having approved) a subnet route, half connected, 1,000
 * pre-auth keys, and then one policy (set after the nodes joined: replayed from the start with the policy first,
 * the netmap recompiles on every join and the comparison would take hours). After the snapshot come
 * {@value #EVENTS_AFTER} reachability changes.
 */
public final class HistorySnapshotBenchmark {

    private static final int USERS = 1000;
    private static final int DEVICES_PER_USER = 10;
    private static final int EVENTS_AFTER = 5000;
    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase log = new LogDatabase();
    private final Random random = new Random(1);
    private Instant clock = T0;

    public static void main(String[] args) {
        new HistorySnapshotBenchmark().run();
    }

    private void run() {
        long before = writeTailnet();
        Instant snapshotAt = clock;
        Clock later = Clock.fixed(clock.plus(SnapshotTaker.SETTLE).plusSeconds(1), ZoneOffset.UTC);
        HistorySnapshots snapshots = new HistorySnapshots(log.jdbc, later);
        BoundedReplay replay = new BoundedReplay(log.log);
        long start = System.nanoTime();
        SnapshotTaker.Result taken = new SnapshotTaker(replay, snapshots, later, before).catchUp();
        System.out.printf("tailnet: %d nodes, %d users; %d events; snapshot taken in %.0f ms (%d)%n",
                USERS * DEVICES_PER_USER, USERS, before, (System.nanoTime() - start) / 1e6, taken.taken());

        HistorySnapshot<HistoryState.Parts> snapshot = snapshots.newest().orElseThrow();
        Long state = log.jdbc.queryForObject("SELECT LENGTH(state) FROM history_snapshot", Long.class);
        Long inventory = log.jdbc.queryForObject("SELECT LENGTH(inventory) FROM history_snapshot", Long.class);
        System.out.printf("snapshot: %,d bytes stored (zstd): %,d of netmap JSON (%,d before compression) and %,d of"
                        + " inventory image (%,d before); %d netmap nodes%n", state + inventory, state,
                SnapshotCodec.json(snapshot.state().netmap()).length, inventory, snapshot.state().inventory().image().length,
                snapshot.state().netmap().netmap().nodes().size());

        for (int i = 0; i < EVENTS_AFTER; i++) {
            tick();
            long node = 1 + random.nextInt(USERS * DEVICES_PER_USER);
            write(new NodeReachabilityChanged(node, endpoints(), 1 + random.nextInt(20), "discokey:" + hex(32)));
        }
        Clock now = Clock.fixed(clock.plusSeconds(3600), ZoneOffset.UTC);
        Supplier<NetmapCompiler> compiler = () -> new NetmapCompiler("https://control.example.com");
        TailnetHistory fromStart = new TailnetHistory(replay, now, compiler);
        TailnetHistory fromSnapshot = new TailnetHistory(replay, now, compiler, new HistorySnapshots(log.jdbc, now));
        for (Instant at : List.of(snapshotAt, clock)) {
            System.out.printf("at %s:%n", at.equals(snapshotAt) ? "the snapshot" : EVENTS_AFTER + " events after it");
            for (int round = 0; round < 2; round++) {
                report("  inventoryAt, from the start", () -> inventory(fromStart, at));
                report("  inventoryAt, from the snapshot", () -> inventory(fromSnapshot, at));
                report("  netmapAt, from the start", () -> fromStart.netmapAt(at).replayed());
                report("  netmapAt, from the snapshot", () -> fromSnapshot.netmapAt(at).replayed());
            }
        }
    }

    private static long inventory(TailnetHistory history, Instant at) {
        try (InventoryAt past = history.inventoryAt(at)) {
            return past.replayed();
        }
    }

    private static void report(String what, Supplier<Long> replayed) {
        long start = System.nanoTime();
        long events = replayed.get();
        System.out.printf("%-36s %8.0f ms  (%,d events replayed)%n", what, (System.nanoTime() - start) / 1e6, events);
    }

    /** Returns the number of events written. */
    private long writeTailnet() {
        long events = 0;
        for (long u = 1; u <= USERS; u++) {
            tick();
            write(new UserCreated(u, "user" + u, "User " + u, "user" + u + "@example.com"));
            write(new PreAuthKeyCreated(u, u, "hskey-auth-" + hex(6), hex(32), true, false, clock.plusSeconds(86_400),
                    List.of()));
            events += 2;
        }
        for (long id = 1; id <= (long) USERS * DEVICES_PER_USER; id++) {
            tick();
            long user = 1 + (id - 1) / DEVICES_PER_USER;
            boolean server = id % 10 == 0;
            write(new NodeRegistered(id, "mkey:" + hex(32), "nodekey:" + hex(32), server ? null : user,
                    server ? List.of("tag:server") : List.of(), "host-" + id, "host-" + id,
                    "100.64." + (id / 250) + "." + (id % 250 + 1), "fd7a:115c:a1e0::" + Long.toHexString(id),
                    clock.plusSeconds(180L * 86_400), false, server ? null : user,
                    server ? RegisterMethod.AUTH_KEY : RegisterMethod.CLI));
            write(new NodeClientReported(id, "linux", "6.8.0-45-generic", "1.80.2-t1234567-g89abcdef", "",
                    List.of("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI" + hex(16)), List.of()));
            write(new NodeReachabilityChanged(id, endpoints(), 1 + random.nextInt(20), "discokey:" + hex(32)));
            events += 3;
            if (server) {
                List<String> routes = List.of("10." + (id / 250) + "." + (id % 250) + ".0/24");
                write(new NodeRoutesAdvertised(id, List.of(), routes));
                write(new NodeRoutesApproved(id, List.of(), routes));
                events += 2;
            }
            if (id % 2 == 0) {
                write(new NodeConnected(id));
                events++;
            }
        }
        tick();
        write(new PolicyUpdated(1, """
                {"groups": {"group:admins": ["user1@example.com", "user2@example.com"]},
                 "tagOwners": {"tag:server": ["group:admins"]},
                 "acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]},
                          {"action": "accept", "src": ["group:admins"], "dst": ["*:*"]},
                          {"action": "accept", "src": ["autogroup:member"], "dst": ["tag:server:443"]}]}
                """, "sha1", null));
        events++;
        return events;
    }

    private List<String> endpoints() {
        return List.of("203.0." + random.nextInt(256) + "." + random.nextInt(256) + ":41641",
                "192.168.1." + random.nextInt(256) + ":41641", "[2001:db8::" + Integer.toHexString(random.nextInt(65536)) + "]:41641");
    }

    private String hex(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return HexFormat.of().formatHex(value);
    }

    private void tick() {
        clock = clock.plusMillis(1 + random.nextInt(1000));
    }

    private void write(DomainEvent event) {
        log.append("aggregate-" + random.nextLong(), event, clock);
    }
}
