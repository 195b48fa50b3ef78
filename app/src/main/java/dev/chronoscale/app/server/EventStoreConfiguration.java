package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.apikey.ApiKeyAggregate;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeAggregate;
import dev.chronoscale.domain.policy.PolicyAggregate;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.policy.TailscalePolicyValidator;
import dev.chronoscale.domain.preauthkey.PreAuthKeyAggregate;
import dev.chronoscale.domain.tailnet.TailnetAggregate;
import dev.chronoscale.domain.user.UserAggregate;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.eventlog.JdbcEventStorage;
import dev.chronoscale.eventlog.EventUpcasters;
import dev.chronoscale.eventlog.JdbcIdSequence;
import dev.chronoscale.eventlog.JdbcUniquenessRegistry;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryRebuilder;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import javax.sql.DataSource;

/** The write side: aggregates, the claims and id tables, and the inventory kept in the same transactions. */
@Configuration(proxyBeanMethods = false)
public class EventStoreConfiguration {

    /** The system's clock, unless one was registered before the configuration (a test's). */
    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean(Clock.class)
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ConfigurerModule aggregates() {
        return configurer -> configurer
                .configureAggregate(UserAggregate.class)
                .configureAggregate(PreAuthKeyAggregate.class)
                .configureAggregate(ApiKeyAggregate.class)
                .configureAggregate(NodeAggregate.class)
                .configureAggregate(PolicyAggregate.class)
                .configureAggregate(TailnetAggregate.class)
                .eventProcessing(processing -> processing.registerListenerInvocationErrorHandler(
                        InventoryProjection.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance()));
    }

    /** Copies the audit context from each command onto every event it produces. */
    @Bean
    CorrelationDataProvider auditContextProvider() {
        return new SimpleCorrelationDataProvider(AuditContext.ACTOR_TYPE, AuditContext.ACTOR_ID,
                AuditContext.REMOTE_ADDRESS, AuditContext.REASON);
    }

    @Bean
    CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    CommandAuditGuard commandAuditGuard(org.axonframework.commandhandling.CommandBus commandBus) {
        return new CommandAuditGuard(commandBus);
    }

    @Bean
    JdbcUniquenessRegistry uniquenessRegistry(JdbcTemplate jdbc) {
        return new JdbcUniquenessRegistry(jdbc);
    }

    @Bean
    JdbcIdSequence idSequence(JdbcTemplate jdbc, TransactionTemplate transactions) {
        return new JdbcIdSequence(jdbc, transactions);
    }

    @Bean
    AddressAllocator addressAllocator(ChronoscaleConfig config) {
        return new AddressAllocator(config.prefixV4(), config.prefixV6(), config.allocation());
    }

    /** Parses and validates; the policy's own tests are run by {@code PolicyAdmin}, against the netmap. */
    @Bean
    TailscalePolicyValidator policyValidator() {
        return new TailscalePolicyValidator(new PolicyParser());
    }

    @Bean
    InventoryProjection inventoryProjection(JdbcTemplate jdbc) {
        return new InventoryProjection(jdbc);
    }

    @Bean
    InventoryQueries inventoryQueries(JdbcTemplate jdbc) {
        return new InventoryQueries(jdbc);
    }

    /** Axon's configuration puts every {@code EventUpcaster} bean in the storage engine's chain. */
    @Bean
    EventUpcaster eventUpcasters() {
        return new EventUpcasterChain(EventUpcasters.ALL);
    }

    /** Every read of the event log outside Axon's own processors goes through this. */
    @Bean
    EventLog eventLog(EventStorageEngine storage, JdbcTemplate jdbc) {
        return new EventLog(storage, jdbc);
    }

    @Bean
    @Primary
    BoundedReplay boundedReplay(EventLog log) {
        return new BoundedReplay(log);
    }

    /**
     * Time travel's replays, and the snapshots': the same log, read in larger batches by an engine of its own
     * ({@link JdbcEventStorage}), as these replays read long stretches of it.
     */
    @Bean
    BoundedReplay historyReplay(DataSource data, JdbcTemplate jdbc) {
        return new BoundedReplay(new EventLog(JdbcEventStorage.engine(data, EventUpcasters.ALL), jdbc));
    }

    @Bean
    InventoryRebuilder inventoryRebuilder(BoundedReplay replay, InventoryProjection projection,
                                          TransactionTemplate transactions) {
        return new InventoryRebuilder(replay, projection, transactions);
    }
}
