package dev.chronoscale.gateway.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.CreatePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.DeletePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ExpirePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyRefusedException;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Pre-auth key administration, and the check a registering node's key must pass. */
public final class PreAuthKeyAdmin {

    /** A key as created: the only moment the full key text exists outside the client. */
    public record CreatedPreAuthKey(PreAuthKeyView key, String text) {
    }

    private final AdminCommandSender commands;
    private final InventoryQueries inventory;
    private final IdSequence ids;
    private final Clock clock;

    public PreAuthKeyAdmin(AdminCommandSender commands, InventoryQueries inventory, IdSequence ids, Clock clock) {
        this.commands = commands;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    public CreatedPreAuthKey create(long userId, boolean reusable, boolean ephemeral, Instant expiration,
                                    List<String> aclTags, AuditContext audit) {
        if (inventory.user(userId).isEmpty()) {
            throw DomainException.notFound("user " + userId + " not found");
        }
        if (expiration == null) {
            throw DomainException.invalid("an expiration is required");
        }
        if (!expiration.isAfter(clock.instant())) {
            throw DomainException.invalid("the expiration " + expiration + " is in the past");
        }
        SecretKey secret = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        long id = ids.next(IdSequence.Kind.PREAUTH_KEY);
        commands.send(new CreatePreAuthKey(id, userId, secret.prefix(), secret.secretHash(), reusable, ephemeral,
                expiration, aclTags == null ? List.of() : aclTags), audit, "pre-auth key " + id);
        return new CreatedPreAuthKey(get(id), secret.text());
    }

    public List<PreAuthKeyView> list() {
        return inventory.preAuthKeys();
    }

    public PreAuthKeyView get(long id) {
        return inventory.preAuthKey(id).orElseThrow(() -> DomainException.notFound("pre-auth key " + id + " not found"));
    }

    public void expire(long id, AuditContext audit) {
        get(id);
        commands.send(new ExpirePreAuthKey(id, clock.instant()), audit, "pre-auth key " + id);
    }

    public void delete(long id, AuditContext audit) {
        get(id);
        commands.send(new DeletePreAuthKey(id), audit, "pre-auth key " + id);
    }

    /**
     * Finds the key a node presents and checks it may be used now. Consuming it is part of the
     * registration command, so a single-use key cannot be used twice even by racing nodes.
     */
    public PreAuthKeyView authenticate(String presented) {
        SecretKey key = SecretKey.parse(SecretKey.PREAUTH_MARKER, presented)
                .orElseThrow(() -> new PreAuthKeyRefusedException("invalid pre-auth key"));
        PreAuthKeyView stored = inventory.preAuthKeyByPrefix(key.prefix())
                .filter(k -> key.matches(k.secretHash()))
                .orElseThrow(() -> new PreAuthKeyRefusedException("invalid pre-auth key"));
        if (stored.isExpired(clock.instant())) {
            throw new PreAuthKeyRefusedException("pre-auth key " + stored.prefix() + " has expired");
        }
        if (stored.used() && !stored.reusable()) {
            throw new PreAuthKeyRefusedException("pre-auth key " + stored.prefix() + " has already been used");
        }
        return stored;
    }
}
