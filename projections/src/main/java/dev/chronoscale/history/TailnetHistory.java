package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapProjection;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The tailnet at an instant, computed from the log: the live projections' own handlers fed every event up to
 * that instant, into state of their own, so the past is read with the same queries as the present. An
 * instant ends the replay at the first event recorded after it; an instant before the first event gives the
 * empty tailnet.
 */
public final class TailnetHistory {

    private final BoundedReplay replay;
    private final Clock clock;
    private final Supplier<NetmapCompiler> compiler;

    /** @param compiler makes the compiler a past netmap is compiled with: the one the live netmap uses */
    public TailnetHistory(BoundedReplay replay, Clock clock, Supplier<NetmapCompiler> compiler) {
        this.replay = replay;
        this.clock = clock;
        this.compiler = compiler;
    }

    /** Reads an instant as users write it ({@link PointInTime}), against this server's clock. */
    public Instant instant(String text) {
        return PointInTime.parse(text, clock.instant());
    }

    /** The inventory (users, nodes, keys, the policy) at {@code instant}; close it when done. */
    public InventoryAt inventoryAt(Instant instant) {
        refuseTheFuture(instant);
        SingleConnectionDataSource data = new SingleConnectionDataSource(
                "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true);
        JdbcTemplate jdbc = new JdbcTemplate(data);
        try {
            Flyway.configure().dataSource(data).locations("classpath:db/migration/common").load().migrate();
            AnnotationEventHandlerAdapter inventory = new AnnotationEventHandlerAdapter(new InventoryProjection(jdbc));
            Sessions sessions = new Sessions();
            AnnotationEventHandlerAdapter sessionEvents = new AnnotationEventHandlerAdapter(sessions);
            Long events = new TransactionTemplate(new DataSourceTransactionManager(data)).execute(status ->
                    replay.into(event -> {
                        inventory.handle(event);
                        sessionEvents.handle(event);
                        return null;
                    }, BoundedReplay.Range.upTo(instant), BoundedReplay.Progress.NONE));
            return new InventoryAt(instant, events == null ? 0 : events, jdbc, sessions.connected());
        } catch (RuntimeException e) {
            jdbc.execute("SHUTDOWN");
            data.destroy();
            throw e;
        }
    }

    /** The netmap at {@code instant}: nodes, users and the policy then in force, compiled as the live netmap is. */
    public NetmapAt netmapAt(Instant instant) {
        refuseTheFuture(instant);
        Netmap netmap = new Netmap(compiler.get());
        AnnotationEventHandlerAdapter projection = new AnnotationEventHandlerAdapter(new NetmapProjection(netmap));
        Sessions sessions = new Sessions();
        AnnotationEventHandlerAdapter sessionEvents = new AnnotationEventHandlerAdapter(sessions);
        PolicyText policy = new PolicyText();
        AnnotationEventHandlerAdapter policyEvents = new AnnotationEventHandlerAdapter(policy);
        long events = replay.into(event -> {
            projection.handle(event);
            sessionEvents.handle(event);
            policyEvents.handle(event);
            return null;
        }, BoundedReplay.Range.upTo(instant), BoundedReplay.Progress.NONE);
        return new NetmapAt(instant, events, netmap, sessions.connected(), policy.text());
    }

    private void refuseTheFuture(Instant instant) {
        Instant now = clock.instant();
        if (instant.isAfter(now)) {
            throw DomainException.invalid(instant + " is in the future (now is " + now + ")");
        }
    }
}
