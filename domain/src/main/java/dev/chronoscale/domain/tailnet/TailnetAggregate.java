package dev.chronoscale.domain.tailnet;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.address.AllocationStrategy;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.tailnet.TailnetCommands.ConfigureTailnet;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordImport;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordLoginRefusal;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordReport;
import dev.chronoscale.domain.tailnet.TailnetEvents.LoginRefused;
import dev.chronoscale.domain.tailnet.TailnetEvents.ReportGenerated;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetConfigured;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetImported;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

public class TailnetAggregate {

    @AggregateIdentifier
    private String id;
    private TailnetSettings settings;
    private boolean imported;

    protected TailnetAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(ConfigureTailnet command) {
        TailnetSettings next = command.settings();
        validate(next);
        if (next.equals(settings)) {
            return;
        }
        apply(new TailnetConfigured(settings, next));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordReport command) {
        if (command.kind() == null || command.kind().isBlank() || command.to() == null || command.format() == null
                || command.digest() == null || !command.digest().matches("[0-9a-f]{64}")) {
            throw DomainException.invalid("a generated report needs its kind, instant, format and SHA-256 digest");
        }
        apply(new ReportGenerated(command.kind(), command.from(), command.to(), command.format(), command.digest(),
                command.contentDigest(), command.chainPosition(), command.schedule()));
    }

    /** A tailnet is seeded once: a second import would duplicate everything the first carried. */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordImport command) {
        if (imported) {
            throw DomainException.conflict("this tailnet was already imported from another server");
        }
        if (command.source() == null || command.source().isBlank()) {
            throw DomainException.invalid("an import must name its source");
        }
        apply(new TailnetImported(command.source(), command.sourceSchema(), command.users(), command.nodes(),
                command.preAuthKeys(), command.apiKeys(), command.policy(), command.notCarried()));
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(RecordLoginRefusal command) {
        if (command.reason() == null || command.reason().isBlank()) {
            throw DomainException.invalid("a refused login needs its reason");
        }
        apply(new LoginRefused(command.reason(), command.message(), command.subject(), command.authId()));
    }

    @EventSourcingHandler
    void on(LoginRefused event) {
        id = TailnetCommands.AGGREGATE_ID;
    }

    @EventSourcingHandler
    void on(TailnetImported event) {
        id = TailnetCommands.AGGREGATE_ID;
        imported = true;
    }

    @EventSourcingHandler
    void on(ReportGenerated event) {
        id = TailnetCommands.AGGREGATE_ID;
    }

    @EventSourcingHandler
    void on(TailnetConfigured event) {
        id = TailnetCommands.AGGREGATE_ID;
        settings = event.current();
    }

    private static void validate(TailnetSettings s) {
        if (s.ipv4Prefix() == null && s.ipv6Prefix() == null) {
            throw DomainException.invalid("at least one of the IPv4 and IPv6 prefixes must be set");
        }
        try {
            if (s.ipv4Prefix() != null && IpPrefix.parseLenient(s.ipv4Prefix()).address().v6()) {
                throw DomainException.invalid("IPv4 prefix " + s.ipv4Prefix() + " is not an IPv4 prefix");
            }
            if (s.ipv6Prefix() != null && !IpPrefix.parseLenient(s.ipv6Prefix()).address().v6()) {
                throw DomainException.invalid("IPv6 prefix " + s.ipv6Prefix() + " is not an IPv6 prefix");
            }
            AllocationStrategy.parse(s.allocation());
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid(e.getMessage());
        }
        if (s.defaultNodeKeyExpiry() != null && s.defaultNodeKeyExpiry().isNegative()) {
            throw DomainException.invalid("the default node key expiry must not be negative");
        }
    }
}
