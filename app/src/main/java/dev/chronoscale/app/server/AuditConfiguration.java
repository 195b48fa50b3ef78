package dev.chronoscale.app.server;

import dev.chronoscale.admin.api.AuditRoutes;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.server.Version;
import dev.chronoscale.auditexport.chain.AuditChainAppender;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.LogEventContext;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.auditexport.delivery.Backoff;
import dev.chronoscale.auditexport.delivery.SinkCheckpointStore;
import dev.chronoscale.auditexport.delivery.SinkConfig;
import dev.chronoscale.auditexport.delivery.SinkDelivery;
import dev.chronoscale.auditexport.export.AuditExporter;
import dev.chronoscale.auditexport.sinks.SinkFactory;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.inventory.InventoryQueries;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The audit trail: the signing key, the chain that follows the event store, exports, and the SIEM sinks. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

    /** The configured sinks' deliveries, one thread each. */
    public record AuditSinks(List<SinkDelivery> deliveries) {
    }

    @Bean
    AuditSigningKey auditSigningKey(ChronoscaleConfig config) {
        return AuditSigningKey.loadOrCreate(config.audit().keyPath());
    }

    @Bean
    AuditTrailStore auditTrailStore(JdbcTemplate jdbc) {
        return new AuditTrailStore(jdbc);
    }

    @Bean
    AuditChainAppender auditChainAppender(EventLog log, InventoryQueries inventory, AuditTrailStore trail, AuditSigningKey key,
                                          TransactionTemplate transactions, Clock clock, ChronoscaleConfig config) {
        return new AuditChainAppender(log, new LogEventContext(log, inventory), trail, key, transactions, clock,
                config.audit().gapPatience(), 500);
    }

    @Bean
    AuditExporter auditExporter(AuditTrailStore trail, AuditSigningKey key, Clock clock) {
        return new AuditExporter(trail, key, clock);
    }

    @Bean
    AuditSinks auditSinks(ChronoscaleConfig config, AuditTrailStore trail, JdbcTemplate jdbc, Clock clock) {
        ChronoscaleConfig.Audit audit = config.audit();
        SinkFactory factory = new SinkFactory(Path.of(".").toAbsolutePath(), Version.current(), clock);
        SinkCheckpointStore checkpoints = new SinkCheckpointStore(jdbc, clock);
        List<SinkDelivery> deliveries = new ArrayList<>();
        for (SinkConfig sink : audit.sinks()) {
            deliveries.add(new SinkDelivery(sink.name(), factory.create(sink), trail, checkpoints,
                    new Backoff(audit.initialBackoff(), audit.maxBackoff()), audit.batchSize(), clock, audit.pollInterval()));
        }
        return new AuditSinks(List.copyOf(deliveries));
    }

    @Bean
    AuditChainFollower auditChainFollower(AuditChainAppender appender, AuditSinks sinks, ChronoscaleConfig config) {
        return new AuditChainFollower(appender, sinks.deliveries(), config.audit().pollInterval());
    }

    @Bean
    AuditLifecycle auditLifecycle(AuditChainFollower follower, AuditSinks sinks) {
        return new AuditLifecycle(follower, sinks.deliveries());
    }

    @Bean
    AuditRoutes auditRoutes(AuditSigningKey key, AuditTrailStore trail, AuditExporter exporter, AuditChainFollower follower,
                            AuditSinks sinks) {
        return new AuditRoutes(key, trail, exporter, follower, sinks.deliveries());
    }

    /** Per-sink Prometheus metrics, labelled with the sink's name. */
    @Bean
    AuditMetrics auditMetrics(PrometheusMeterRegistry registry, AuditSinks sinks, AuditTrailStore trail) {
        Gauge.builder("chronoscale.audit.chain.position", trail, t -> t.head().position())
                .description("Position of the newest record in the audit chain").register(registry);
        for (SinkDelivery delivery : sinks.deliveries()) {
            Gauge.builder("chronoscale.audit.sink.delivered.position", delivery, d -> d.status().deliveredPosition())
                    .tag("sink", delivery.name()).description("Last audit position the sink has delivered").register(registry);
            Gauge.builder("chronoscale.audit.sink.lag", delivery, d -> d.status().lag())
                    .tag("sink", delivery.name()).description("Audit records not yet delivered to the sink").register(registry);
            Gauge.builder("chronoscale.audit.sink.healthy", delivery, d -> d.status().healthy() ? 1 : 0)
                    .tag("sink", delivery.name()).description("1 unless the sink is waiting to retry a failed delivery")
                    .register(registry);
            FunctionCounter.builder("chronoscale.audit.sink.failures", delivery, d -> d.status().failures())
                    .tag("sink", delivery.name()).description("Failed delivery attempts since start").register(registry);
            FunctionCounter.builder("chronoscale.audit.sink.records.delivered", delivery, d -> d.status().delivered())
                    .tag("sink", delivery.name()).description("Records delivered since start").register(registry);
        }
        return new AuditMetrics();
    }

    /** Marks that the audit metrics are registered. */
    public record AuditMetrics() {
    }
}
