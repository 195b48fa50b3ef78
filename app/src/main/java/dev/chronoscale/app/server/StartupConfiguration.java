package dev.chronoscale.app.server;

import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.tailnet.TailnetCommands.ConfigureTailnet;
import dev.chronoscale.domain.tailnet.TailnetSettings;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

/**
 * Records the configuration's tailnet settings as an event when they differ from the last recorded
 * ones, and, in {@code policy.mode: file}, puts the policy file in force.
 */
final class StartupConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(StartupConfiguration.class);

    private final ChronoscaleConfig config;
    private final AuditedCommandSender sender;
    private final PolicyAdmin policy;

    StartupConfiguration(ChronoscaleConfig config, AuditedCommandSender sender, PolicyAdmin policy) {
        this.config = config;
        this.sender = sender;
        this.policy = policy;
    }

    void apply() {
        Duration expiry = config.nodeExpiry().isZero() ? null : config.nodeExpiry();
        TailnetSettings settings = new TailnetSettings(
                config.prefixV4().map(Object::toString).orElse(null),
                config.prefixV6().map(Object::toString).orElse(null),
                config.allocation().name().toLowerCase(), config.dns().magicDns(), config.dns().baseDomain(), expiry);
        sender.send(new ConfigureTailnet(settings), AuditContext.system("configuration at start-up"), "tailnet");
        if (config.policyMode() == ChronoscaleConfig.PolicyMode.FILE && config.policyPath().isPresent()) {
            try {
                String text = Files.readString(config.policyPath().get());
                policy.set(text, AuditContext.system("policy file " + config.policyPath().get()));
            } catch (IOException e) {
                throw new IllegalStateException("config key 'policy.path': cannot read " + config.policyPath().get()
                        + ": " + e.getMessage(), e);
            } catch (DomainException e) {
                throw new IllegalStateException("config key 'policy.path': " + e.getMessage(), e);
            }
            LOG.info("policy file {} is in force", config.policyPath().get());
        }
    }
}
