package dev.chronoscale.domain.apikey;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.apikey.ApiKeyCommands.CreateApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.DeleteApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.ExpireApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.ImportApiKey;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.domain.user.UserRole;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

public class ApiKeyAggregate {

    @AggregateIdentifier
    private String id;
    private long keyId;
    private String prefix;
    private Instant expiration;

    protected ApiKeyAggregate() {
    }

    @CommandHandler
    public ApiKeyAggregate(CreateApiKey command, UniquenessRegistry claims) {
        if (command.expiration() == null) {
            throw DomainException.invalid("an API key needs an expiration");
        }
        if (command.secretHash() == null || command.secretHash().isBlank()) {
            throw DomainException.invalid("an API key needs a secret hash");
        }
        if (command.role() == UserRole.MEMBER) {
            throw DomainException.invalid("an API key with the member role could use nothing of the API; "
                    + "give it admin, network-admin or auditor, or no role for full access");
        }
        claims.claim(ClaimKind.API_KEY_PREFIX, command.prefix(), command.aggregateId());
        apply(new ApiKeyCreated(command.keyId(), command.prefix(), command.secretHash(), command.expiration(), null,
                command.role() == null ? null : command.role().wireName()));
    }

    @CommandHandler
    public ApiKeyAggregate(ImportApiKey command, UniquenessRegistry claims) {
        if (command.expiration() == null || command.secretHash() == null || command.secretHash().isBlank()) {
            throw DomainException.invalid("an imported API key needs an expiration and a secret hash");
        }
        claims.claim(ClaimKind.API_KEY_PREFIX, command.prefix(), command.aggregateId());
        apply(new ApiKeyCreated(command.keyId(), command.prefix(), command.secretHash(), command.expiration(),
                command.createdAt()));
    }

    @CommandHandler
    public void handle(ExpireApiKey command) {
        if (!command.now().isBefore(expiration)) {
            return;
        }
        apply(new ApiKeyExpired(keyId, command.now()));
    }

    @CommandHandler
    public void handle(DeleteApiKey command, UniquenessRegistry claims) {
        claims.release(ClaimKind.API_KEY_PREFIX, prefix, id);
        apply(new ApiKeyDeleted(keyId, prefix));
    }

    @EventSourcingHandler
    void on(ApiKeyCreated event) {
        id = ApiKeyCommands.aggregateId(event.keyId());
        keyId = event.keyId();
        prefix = event.prefix();
        expiration = event.expiration();
    }

    @EventSourcingHandler
    void on(ApiKeyExpired event) {
        expiration = event.at();
    }

    @EventSourcingHandler
    void on(ApiKeyDeleted event) {
        markDeleted();
    }
}
