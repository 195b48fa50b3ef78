package dev.chronoscale.tools.historygen;

import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.eventlog.LoggedEvent;
import dev.chronoscale.eventlog.UnknownEvent;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryRebuilder;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.tools.historybench.HistoryStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A small generated history is one the server could have written: it loads, replays and time-travels cleanly. */
class GeneratedHistoryTest {

    private static final HistoryShape SHAPE = HistoryShape.of(20_000, 300);
    private static HistoryStore store;
    private static HistoryGenerator.Generated generated;
    private static final List<LoggedEvent> events = new ArrayList<>();

    @BeforeAll
    static void writeTheHistory() {
        store = HistoryStore.open(new HistoryStore.Location(
                "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", ""));
        generated = HistoryGenerator.write(SHAPE, store.engine(), BoundedReplay.Progress.NONE);
        EventLog log = store.log();
        for (List<LoggedEvent> batch = log.after(-1, 5000); !batch.isEmpty();
             batch = log.after(batch.get(batch.size() - 1).position(), 5000)) {
            events.addAll(batch);
        }
    }

    @AfterAll
    static void close() {
        store.close();
    }

    @Test
    void everyEventLoadsAsAKnownTypeInTimeOrder() {
        assertThat(events).hasSize((int) generated.events());
        assertThat(generated.events()).isBetween(SHAPE.events(), SHAPE.events() + 20);
        assertThat(events).noneMatch(event -> event.payload() instanceof UnknownEvent);
        for (int i = 1; i < events.size(); i++) {
            assertThat(events.get(i).time()).isAfterOrEqualTo(events.get(i - 1).time());
        }
        assertThat(events.get(events.size() - 1).time()).isBefore(SHAPE.end());
    }

    @Test
    void eachAggregateNumbersItsEventsFromZeroWithoutGaps() {
        Map<String, Long> next = new HashMap<>();
        for (LoggedEvent event : events) {
            long expected = next.getOrDefault(event.aggregateId(), 0L);
            assertThat(event.sequenceNumber()).as("event %d of %s", event.position(), event.aggregateId()).isEqualTo(expected);
            next.put(event.aggregateId(), expected + 1);
        }
        assertThat(next.keySet()).allMatch(id -> id.matches("(node|user|preauthkey|apikey):\\d+|policy|tailnet"));
    }

    @Test
    void everyPolicyParses() throws Exception {
        PolicyParser parser = new PolicyParser();
        List<PolicyUpdated> policies = events.stream().map(LoggedEvent::payload)
                .filter(PolicyUpdated.class::isInstance).map(PolicyUpdated.class::cast).toList();
        assertThat(policies).hasSizeGreaterThan(10);
        for (PolicyUpdated policy : policies) {
            parser.parse(policy.text());
        }
    }

    @Test
    void theTailnetGrowsToItsSize() {
        assertThat(generated.nodes()).isBetween(SHAPE.nodes() * 95 / 100, SHAPE.nodes());
        assertThat(generated.users()).isEqualTo(SHAPE.users());
        assertThat(events).extracting(LoggedEvent::typeName).contains("NodeRegistered", "NodeRenamed", "NodeTagged",
                "NodeRoutesAdvertised", "NodeRoutesApproved", "NodeKeyRotated", "NodeExpired", "NodeDeleted",
                "NodeConnected", "NodeDisconnected", "NodeReachabilityChanged", "NodeClientReported", "UserCreated",
                "UserRenamed", "UserDeleted", "PreAuthKeyCreated", "PreAuthKeyUsed", "PreAuthKeyExpired",
                "PreAuthKeyDeleted", "ApiKeyCreated", "ApiKeyExpired", "ApiKeyDeleted", "PolicyUpdated",
                "TailnetConfigured");
    }

    @Test
    void theInventoryAtTheEndIsAFullRebuild() {
        JdbcTemplate jdbc = new JdbcTemplate(store.data());
        new InventoryRebuilder(store.replay(), new InventoryProjection(jdbc),
                new TransactionTemplate(new DataSourceTransactionManager(store.data()))).rebuild(BoundedReplay.Progress.NONE);
        InventoryQueries rebuilt = new InventoryQueries(jdbc);
        TailnetHistory history = new TailnetHistory(store.replay(), Clock.fixed(SHAPE.end(), ZoneOffset.UTC),
                () -> new NetmapCompiler("http://127.0.0.1:8080"));
        try (InventoryAt end = history.inventoryAt(generated.last())) {
            assertThat(end.events()).isEqualTo(generated.events());
            assertThat(end.queries().nodes()).hasSize(generated.nodes()).isEqualTo(rebuilt.nodes());
            assertThat(end.queries().users()).hasSize(generated.users()).isEqualTo(rebuilt.users());
            assertThat(end.queries().preAuthKeys()).isNotEmpty().isEqualTo(rebuilt.preAuthKeys());
            assertThat(end.queries().apiKeys()).isNotEmpty().isEqualTo(rebuilt.apiKeys());
            assertThat(end.queries().policy()).isPresent().isEqualTo(rebuilt.policy());
        }
    }
}
