package dev.chronoscale.app.server;

import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.http.Router;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** Prometheus metrics, served on {@code metrics_listen_addr}, apart from the public port. */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

    @Bean(destroyMethod = "close")
    PrometheusMeterRegistry prometheusMeterRegistry(JdbcTemplate jdbc, EventLog eventLog) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        Gauge.builder("chronoscale.nodes", jdbc, j -> count(j, "SELECT COUNT(*) FROM inv_node"))
                .description("Registered nodes").register(registry);
        Gauge.builder("chronoscale.users", jdbc, j -> count(j, "SELECT COUNT(*) FROM inv_user"))
                .description("Users").register(registry);
        Gauge.builder("chronoscale.events.stored", eventLog, MetricsConfiguration::headPosition)
                .description("Global index of the newest stored event").register(registry);
        return registry;
    }

    /** The routes of the metrics listener. */
    @Bean
    MetricsRoutes metricsRoutes(PrometheusMeterRegistry registry) {
        return new MetricsRoutes(new Router<>(List.of(new HttpRoute<>(HttpMethod.GET, "/metrics", "Prometheus metrics",
                (request, nobody) -> new HttpReply.Whole(HttpResponseStatus.OK, "text/plain; version=0.0.4; charset=utf-8",
                        registry.scrape().getBytes(StandardCharsets.UTF_8))))));
    }

    /** Wraps the metrics router so it is not mistaken for the public one; its callers are not identified. */
    public record MetricsRoutes(Router<Void> router) {
    }

    private static double headPosition(EventLog log) {
        try {
            return Math.max(0, log.headPosition());
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }

    private static double count(JdbcTemplate jdbc, String sql) {
        try {
            Long value = jdbc.queryForObject(sql, Long.class);
            return value == null ? 0 : value;
        } catch (RuntimeException e) {
            return Double.NaN;
        }
    }
}
