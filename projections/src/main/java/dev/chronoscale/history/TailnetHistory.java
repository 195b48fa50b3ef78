package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapProjection;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
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

    /** Reads an instant as users write it ({@link PointInTime}), against this server's clock. */
    public Instant instant(String text) {
        return PointInTime.parse(text, clock.instant());
    }

    /** The inventory (users, nodes, keys, the policy) at {@code instant}; close it when done. */
    public InventoryAt inventoryAt(Instant instant) {
        refuseTheFuture(instant);
        Optional<HistorySnapshot<HistoryState.InventoryPart>> base = snapshotAtOrBefore(instant, HistoryState.InventoryPart.class);
        ScratchDatabase database = ScratchDatabase.create();
        try {
            AnnotationEventHandlerAdapter inventory = new AnnotationEventHandlerAdapter(new InventoryProjection(database.jdbc()));
            Sessions sessions = new Sessions(base.map(s -> s.state().connected()).orElse(Set.of()));
            AnnotationEventHandlerAdapter sessionEvents = new AnnotationEventHandlerAdapter(sessions);
            long replayed = database.inTransaction(() -> {
                base.ifPresent(snapshot -> InventoryRows.restore(database.jdbc(), snapshot.state().inventory()));
                return replay.into(event -> {
                    inventory.handle(event);
                    sessionEvents.handle(event);
                    return null;
                }, range(instant, base), BoundedReplay.Progress.NONE);
            });
            return new InventoryAt(instant, eventsBefore(base) + replayed, replayed, database, sessions.connected());
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /**
     * The netmap at {@code instant}: nodes, users and the policy then in force, compiled as the live netmap is. The
     * policy is held back while the events are replayed and put in force once at the end, and the netmap derives
     * {@linkplain Netmap#derivingOnDemand on demand}: the policy is compiled once, when a node's netmap is first read,
     * and only the nodes read are cut from it. The result is what the live netmap held.
     */
    public NetmapAt netmapAt(Instant instant) {
        refuseTheFuture(instant);
        Optional<HistorySnapshot<HistoryState.NetmapPart>> base = netmapBase(instant);
        Netmap netmap = Netmap.derivingOnDemand(compiler.get());
        base.ifPresent(snapshot -> snapshot.state().netmap().restoreInto(netmap));
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new NetmapProjection(netmap));
        Sessions sessions = new Sessions(base.map(s -> s.state().connected()).orElse(Set.of()));
        AnnotationEventHandlerAdapter sessionEvents = new AnnotationEventHandlerAdapter(sessions);
        PolicyInForce policy = new PolicyInForce(base.flatMap(s -> s.state().policy()));
        AnnotationEventHandlerAdapter policyEvents = new AnnotationEventHandlerAdapter(policy);
        long replayed = replay.into(event -> {
            if (event.getPayload() instanceof PolicyEvent) {
                policyEvents.handle(event);
            } else {
                projection.handle(event);
                sessionEvents.handle(event);
            }
            return null;
        }, range(instant, base), BoundedReplay.Progress.NONE);
        policy.text().ifPresent(text -> netmap.policyReplaced(parse(text)));
        return new NetmapAt(instant, eventsBefore(base) + replayed, replayed, netmap, sessions.connected(), policy.text());
    }

    /** Only texts that parsed when {@link PolicyInForce} or {@link #netmapBase} took them reach here. */
    private Policy parse(String text) {
        try {
            return policyParser.parse(text);
        } catch (InvalidPolicyException e) {
            throw new IllegalStateException("a policy that parsed no longer does", e);
        }
    }

    private <S> Optional<HistorySnapshot<S>> snapshotAtOrBefore(Instant instant, Class<S> part) {
        return snapshots.flatMap(stored -> stored.newestAtOrBefore(instant, part));
    }

    /**
     * The snapshot a netmap starts from. One whose policy this build's parser refuses cannot say which policy was
     * in force then: the netmap is replayed from the start instead.
     */
    private Optional<HistorySnapshot<HistoryState.NetmapPart>> netmapBase(Instant instant) {
        Optional<HistorySnapshot<HistoryState.NetmapPart>> found = snapshotAtOrBefore(instant, HistoryState.NetmapPart.class);
        Optional<String> text = found.flatMap(snapshot -> snapshot.state().policy());
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
