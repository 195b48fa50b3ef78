package dev.chronoscale.domain.preauthkey;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.Tags;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.CreatePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.DeletePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ExpirePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ImportPreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.UsePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.time.Instant;
import java.util.List;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

public class PreAuthKeyAggregate {

    @AggregateIdentifier
    private String id;
    private long keyId;
    private String prefix;
    private boolean reusable;
    private boolean used;
    private Instant expiration;

    protected PreAuthKeyAggregate() {
    }

    @CommandHandler
    public PreAuthKeyAggregate(CreatePreAuthKey command, UniquenessRegistry claims) {
        if (command.expiration() == null) {
            throw DomainException.invalid("a pre-auth key needs an expiration");
        }
        if (command.secretHash() == null || command.secretHash().isBlank()) {
            throw DomainException.invalid("a pre-auth key needs a secret hash");
        }
        List<String> tags = Tags.normalize(command.aclTags() == null ? List.of() : command.aclTags());
        if (command.userId() == null && tags.isEmpty()) {
            throw DomainException.invalid("a pre-auth key needs a user or tags: a key without a user registers tagged nodes");
        }
        claims.claim(ClaimKind.PREAUTH_KEY_PREFIX, command.prefix(), command.aggregateId());
        apply(new PreAuthKeyCreated(command.keyId(), command.userId(), command.prefix(), command.secretHash(),
                command.reusable(), command.ephemeral(), command.expiration(), tags, null, command.preApproved() ? Boolean.TRUE : null));
    }

    @CommandHandler
    public PreAuthKeyAggregate(ImportPreAuthKey command, UniquenessRegistry claims) {
        if (command.expiration() == null || command.secretHash() == null || command.secretHash().isBlank()) {
            throw DomainException.invalid("an imported pre-auth key needs an expiration and a secret hash");
        }
        List<String> tags = Tags.normalize(command.aclTags() == null ? List.of() : command.aclTags());
        if (command.userId() == null && tags.isEmpty()) {
            throw DomainException.invalid("an imported pre-auth key needs a user or tags");
        }
        claims.claim(ClaimKind.PREAUTH_KEY_PREFIX, command.prefix(), command.aggregateId());
        apply(new PreAuthKeyCreated(command.keyId(), command.userId(), command.prefix(), command.secretHash(),
                command.reusable(), command.ephemeral(), command.expiration(), tags, command.createdAt()));
        if (command.usedByNode() != null) {
            apply(new PreAuthKeyUsed(command.keyId(), command.usedByNode(),
                    command.createdAt() == null ? command.expiration() : command.createdAt()));
        }
    }

    @CommandHandler
    public void handle(UsePreAuthKey command) {
        if (!command.now().isBefore(expiration)) {
            throw new PreAuthKeyRefusedException("pre-auth key " + prefix + " has expired");
        }
        if (used && !reusable) {
            throw new PreAuthKeyRefusedException("pre-auth key " + prefix + " has already been used");
        }
        apply(new PreAuthKeyUsed(keyId, command.nodeId(), command.now()));
    }

    @CommandHandler
    public void handle(ExpirePreAuthKey command) {
        if (!command.now().isBefore(expiration)) {
            return;
        }
        apply(new PreAuthKeyExpired(keyId, command.now()));
    }

    @CommandHandler
    public void handle(DeletePreAuthKey command, UniquenessRegistry claims) {
        claims.release(ClaimKind.PREAUTH_KEY_PREFIX, prefix, id);
        apply(new PreAuthKeyDeleted(keyId));
    }

    @EventSourcingHandler
    void on(PreAuthKeyCreated event) {
        id = PreAuthKeyCommands.aggregateId(event.keyId());
        keyId = event.keyId();
        prefix = event.prefix();
        reusable = event.reusable();
        expiration = event.expiration();
    }

    @EventSourcingHandler
    void on(PreAuthKeyUsed event) {
        used = true;
    }

    @EventSourcingHandler
    void on(PreAuthKeyExpired event) {
        expiration = event.at();
    }

    @EventSourcingHandler
    void on(PreAuthKeyDeleted event) {
        markDeleted();
    }
}
