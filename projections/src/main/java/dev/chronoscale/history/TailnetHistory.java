package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.netmap.compile.NetmapCompiler;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The tailnet at an instant, computed from the log: the live projections' own handlers fed every event up to
 * that instant, into state of their own, so the past is read with the same queries as the present. An
 * instant ends the replay at the first event recorded after it; an instant before the first event gives the
 * empty tailnet. With {@link HistorySnapshots}, the state starts from the newest snapshot at or before the
 * instant and only the events since it are replayed.
 */
public final class TailnetHistory {

    private static final System.Logger LOG = System.getLogger(TailnetHistory.class.getName());

    private final BoundedReplay replay;
    private final Clock clock;
    private final Supplier<NetmapCompiler> compiler;
    private final Optional<HistorySnapshots> snapshots;
    private final PolicyParser policyParser = new PolicyParser();

    /** Without snapshots: every question replays the log from its start. */
    public TailnetHistory(BoundedReplay replay, Clock clock, Supplier<NetmapCompiler> compiler) {
        this(replay, clock, compiler, Optional.empty());
    }

    /** @param compiler makes the compiler a past netmap is compiled with: the one the live netmap uses */
    public TailnetHistory(BoundedReplay replay, Clock clock, Supplier<NetmapCompiler> compiler,
                          HistorySnapshots snapshots) {
        this(replay, clock, compiler, Optional.of(snapshots));
    }

    private TailnetHistory(BoundedReplay replay, Clock clock, Supplier<NetmapCompiler> compiler,
                           Optional<HistorySnapshots> snapshots) {
        this.replay = replay;
        this.clock = clock;
        this.compiler = compiler;
        this.snapshots = snapshots;
    }

    /** A window whose ends are written as users write instants, against this server's clock; without an end, now. */
    public TimeWindow window(String from, Optional<String> to) {
        return TimeWindow.parse(from, to, clock.instant());
    }

    /** Reads an instant as users write it ({@link PointInTime}), against this server's clock. */
    public Instant instant(String text) {
        return PointInTime.parse(text, clock.instant());
    }

    /** The inventory (users, nodes, keys, the policy) at {@code instant}; close it when done. */
    public InventoryAt inventoryAt(Instant instant) {
        refuseTheFuture(instant);
        InventoryStart<HistoryState.InventoryPart> start = inventoryStart(
                snapshotAtOrBefore(instant, SnapshotCodec.INVENTORY), Function.identity());
        Optional<HistorySnapshot<HistoryState.InventoryPart>> base = start.base();
        InventoryFeed feed = start.feed();
        try {
            long replayed = feed.replaying(() -> replay.into(event -> {
                feed.handle(event);
                return null;
            }, range(instant, base), BoundedReplay.Progress.NONE));
            return feed.at(instant, eventsBefore(base) + replayed, replayed);
        } catch (RuntimeException e) {
            feed.abandon();
            throw e;
        }
    }

    /**
     * The netmap at {@code instant}: nodes, users and the policy then in force, compiled as the live netmap is
     * ({@link NetmapFeed}); a node's netmap is cut when it is read. The result is what the live netmap held.
     */
    public NetmapAt netmapAt(Instant instant) {
        refuseTheFuture(instant);
        Optional<HistorySnapshot<HistoryState.NetmapPart>> base = netmapBase(instant, SnapshotCodec.NETMAP,
                HistoryState.NetmapPart::policy);
        NetmapFeed feed = new NetmapFeed(compiler.get(), policyParser, base.map(HistorySnapshot::state));
        long replayed = replay.into(event -> {
            feed.handle(event);
            return null;
        }, range(instant, base), BoundedReplay.Progress.NONE);
        return feed.at(instant, eventsBefore(base) + replayed, replayed);
    }

    /** Both {@link #inventoryAt} and {@link #netmapAt}, from one snapshot and one replay; close it when done. */
    public TailnetAt tailnetAt(Instant instant) {
        refuseTheFuture(instant);
        InventoryStart<HistoryState.Parts> start = inventoryStart(
                netmapBase(instant, SnapshotCodec.BOTH, parts -> parts.netmap().policy()), HistoryState.Parts::inventory);
        Optional<HistorySnapshot<HistoryState.Parts>> base = start.base();
        InventoryFeed inventory = start.feed();
        try {
            NetmapFeed netmap = new NetmapFeed(compiler.get(), policyParser, base.map(snapshot -> snapshot.state().netmap()));
            long replayed = inventory.replaying(() -> replay.into(event -> {
                inventory.handle(event);
                netmap.handle(event);
                return null;
            }, range(instant, base), BoundedReplay.Progress.NONE));
            long events = eventsBefore(base) + replayed;
            return new TailnetAt(inventory.at(instant, events, replayed), netmap.at(instant, events, replayed));
        } catch (RuntimeException e) {
            inventory.abandon();
            throw e;
        }
    }

    /** Where an inventory replay starts: {@code base}, the snapshot it continues from, if any, and the feed. */
    private record InventoryStart<S>(Optional<HistorySnapshot<S>> base, InventoryFeed feed) {
    }

    /**
     * The inventory at a snapshot, its image opened; the empty tailnet without a snapshot, or when its image does not
     * open (the question is then replayed from the start, as for any snapshot that cannot be read).
     */
    private static <S> InventoryStart<S> inventoryStart(Optional<HistorySnapshot<S>> found,
                                                        Function<S, HistoryState.InventoryPart> inventory) {
        if (found.isPresent()) {
            try {
                return new InventoryStart<>(found, InventoryFeed.startingAt(Optional.of(inventory.apply(found.get().state()))));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "history snapshot at position " + found.get().position()
                        + " is passed over: " + e.getMessage());
            }
        }
        return new InventoryStart<>(Optional.empty(), InventoryFeed.startingAt(Optional.empty()));
    }

    private <S> Optional<HistorySnapshot<S>> snapshotAtOrBefore(Instant instant, SnapshotCodec.Part<S> part) {
        return snapshots.flatMap(stored -> stored.newestAtOrBefore(instant, part));
    }

    /**
     * The snapshot a netmap starts from, with {@code part} of its state. One whose policy this build's parser refuses
     * cannot say which policy was in force then: the netmap is replayed from the start instead.
     */
    private <S> Optional<HistorySnapshot<S>> netmapBase(Instant instant, SnapshotCodec.Part<S> part,
                                                       Function<S, Optional<String>> policy) {
        Optional<HistorySnapshot<S>> found = snapshotAtOrBefore(instant, part);
        Optional<String> text = found.flatMap(snapshot -> policy.apply(snapshot.state()));
        if (text.isEmpty()) {
            return found;
        }
        try {
            policyParser.parse(text.get());
            return found;
        } catch (InvalidPolicyException e) {
            LOG.log(System.Logger.Level.WARNING, "the policy of the history snapshot at position "
                    + found.orElseThrow().position() + " no longer parses; the netmap is replayed from the start: "
                    + e.getMessage());
            return Optional.empty();
        }
    }

    private static BoundedReplay.Range range(Instant instant, Optional<? extends HistorySnapshot<?>> base) {
        return BoundedReplay.Range.upTo(instant).from(base.map(HistorySnapshot::position).orElse(-1L));
    }

    private static long eventsBefore(Optional<? extends HistorySnapshot<?>> base) {
        return base.map(HistorySnapshot::events).orElse(0L);
    }

    private void refuseTheFuture(Instant instant) {
        Instant now = clock.instant();
        if (instant.isAfter(now)) {
            throw DomainException.invalid(instant + " is in the future (now is " + now + ")");
        }
    }
}
