package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import org.axonframework.springboot.autoconfig.UpdateCheckerAutoConfiguration;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The running server: Spring Boot assembles the event store, projections and the gateway from the config. */
@SpringBootConfiguration
@EnableAutoConfiguration(exclude = UpdateCheckerAutoConfiguration.class)
@Import({EventStoreConfiguration.class, AdminConfiguration.class, MetricsConfiguration.class, TailscaleConfiguration.class,
        AuditConfiguration.class, HistorySnapshotConfiguration.class, GroupSyncConfiguration.class})
public class ChronoscaleServer {

    public static ConfigurableApplicationContext start(ChronoscaleConfig config) {
        return start(config, Optional.empty());
    }

    /** As {@link #start(ChronoscaleConfig)}, on {@code clock} instead of the system's when given (for tests that move time). */
    static ConfigurableApplicationContext start(ChronoscaleConfig config, Optional<Clock> clock) {
        SpringApplication app = new SpringApplication(ChronoscaleServer.class);
        app.setBannerMode(Banner.Mode.OFF);
        app.setRegisterShutdownHook(true);
        app.setDefaultProperties(properties(config));
        app.addInitializers(context -> context.getBeanFactory().registerSingleton("chronoscaleConfig", config));
        clock.ifPresent(given -> app.addInitializers(context -> context.getBeanFactory().registerSingleton("clock", given)));
        return app.run();
    }

    static Map<String, Object> properties(ChronoscaleConfig config) {
        Map<String, Object> p = new HashMap<>();
        p.put("spring.main.web-application-type", "none");
        p.put("spring.datasource.url", config.database().jdbcUrl());
        p.put("spring.datasource.username", config.database().user());
        p.put("spring.datasource.password", config.database().password());
        p.put("spring.datasource.hikari.maximum-pool-size", 10);
        p.put("spring.flyway.locations", "classpath:db/migration/common");
        p.put("axon.axonserver.enabled", false);
        p.put("axon.update-check.disabled", true);
        // Axon's handler timeouts take a stack trace at every handler call (a sizeable share of each
        // registration); commands here are short and bounded by the database's own timeouts.
        p.put("axon.timeout.enabled", false);
        p.put("axon.serializer.general", "jackson");
        p.put("axon.serializer.events", "jackson");
        p.put("axon.serializer.messages", "jackson");
        p.put("axon.eventhandling.processors.inventory.mode", "subscribing");
        // log.level is the server's own level; libraries stay at WARN unless it asks for less.
        String level = config.log().level();
        p.put("logging.level.root", List.of("error", "off").contains(level) ? level.toUpperCase() : "WARN");
        p.put("logging.level.dev.chronoscale", level.toUpperCase());
        if (config.log().format() == ChronoscaleConfig.LogFormat.JSON) {
            p.put("logging.structured.format.console", ZerologJsonFormat.class.getName());
        }
        p.put("logging.level.org.axonframework.eventsourcing.eventstore.jdbc", "ERROR");
        // The netmap's in-memory token store is deliberate (it replays the log at each start).
        p.put("logging.level.org.axonframework.eventhandling.tokenstore.inmemory", "ERROR");
        // Axon's @EventHandler uses an annotation-override convention Spring 6.2 warns about.
        p.put("logging.level.org.springframework.core.annotation", "ERROR");
        // Report PDFs use the standard Helvetica by its metrics only (nothing is embedded); PDFBox warns on each
        // document that no Helvetica font file is installed.
        p.put("logging.level.org.apache.pdfbox.pdmodel.font", "ERROR");
        // A failed start is reported as one line by the CLI; the stack trace stays available at DEBUG.
        p.put("logging.level.org.springframework.boot.SpringApplication", "OFF");
        return p;
    }
}
