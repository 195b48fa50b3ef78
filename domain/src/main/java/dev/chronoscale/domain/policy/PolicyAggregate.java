package dev.chronoscale.domain.policy;

import dev.chronoscale.domain.policy.PolicyCommands.SetPolicy;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

/**
 * The tailnet policy's versions. A new text is put in force when it parses and validates; its own tests are
 * run by the service that sends {@link SetPolicy}, against the tailnet the netmaps are compiled from.
 */
public class PolicyAggregate {

    @AggregateIdentifier
    private String id;
    private long version;
    private String sha256;

    protected PolicyAggregate() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public void handle(SetPolicy command, PolicyValidator validator) {
        PolicyTextLimits.check(command.text());
        // Headscale's empty policy (no policy: every node may reach every other), however much blank it is sent as.
        String text = command.text().isBlank() ? "" : command.text();
        try {
            validator.validate(text);
        } catch (InvalidPolicyException e) {
            throw new PolicyRejectedException(e.getMessage());
        }
        String newHash = sha256(text);
        if (newHash.equals(sha256)) {
            return;
        }
        apply(new PolicyUpdated(version + 1, text, newHash, sha256));
    }

    @EventSourcingHandler
    void on(PolicyUpdated event) {
        id = PolicyCommands.AGGREGATE_ID;
        version = event.version();
        sha256 = event.sha256();
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
