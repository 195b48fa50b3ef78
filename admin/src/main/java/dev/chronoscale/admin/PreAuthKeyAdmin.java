package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.CreatePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.DeletePreAuthKey;
import dev.chronoscale.domain.preauthkey.PreAuthKeyCommands.ExpirePreAuthKey;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Pre-auth key administration: creation, listing, expiry, deletion. */
public final class PreAuthKeyAdmin {

    /** A key as created: the only moment the full key text exists outside the client. */
    public record CreatedPreAuthKey(PreAuthKeyView key, String text) {
    }

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final IdSequence ids;
    private final Clock clock;

    public PreAuthKeyAdmin(AuditedCommandSender commands, InventoryQueries inventory, IdSequence ids, Clock clock) {
        this.commands = commands;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    /** A key whose nodes are approved as {@code node.approval} decides. */
    public CreatedPreAuthKey create(Optional<Long> userId, boolean reusable, boolean ephemeral, Instant expiration,
                                    List<String> aclTags, AuditContext audit) {
        return create(userId, reusable, ephemeral, expiration, aclTags, false, audit);
    }

    /**
     * @param userId      empty for a tag-only key (Headscale 0.28): it needs tags, and its nodes are owned by them
     * @param preApproved the key's nodes need no device approval
     */
    public CreatedPreAuthKey create(Optional<Long> userId, boolean reusable, boolean ephemeral, Instant expiration,
                                    List<String> aclTags, boolean preApproved, AuditContext audit) {
        List<String> tags = aclTags == null ? List.of() : aclTags;
        if (userId.isPresent() && inventory.user(userId.get()).isEmpty()) {
            throw DomainException.notFound("user " + userId.get() + " not found");
        }
        if (userId.isEmpty() && tags.isEmpty()) {
            throw DomainException.invalid("a pre-auth key needs a user or tags (aclTags): a key without a user registers tagged nodes");
        }
        if (expiration == null) {
            throw DomainException.invalid("an expiration is required");
        }
        if (!expiration.isAfter(clock.instant())) {
            throw DomainException.invalid("the expiration " + expiration + " is in the past");
        }
        SecretKey secret = SecretKey.generate(SecretKey.PREAUTH_MARKER);
        long id = ids.next(IdSequence.Kind.PREAUTH_KEY);
        commands.send(new CreatePreAuthKey(id, userId.orElse(null), secret.prefix(), secret.secretHash(), reusable,
                ephemeral, expiration, tags, preApproved), audit, "pre-auth key " + id);
        return new CreatedPreAuthKey(get(id), secret.text());
    }

    public PreAuthKeyView get(long id) {
        return inventory.preAuthKey(id).orElseThrow(() -> DomainException.notFound("pre-auth key " + id + " not found"));
    }

    /**
     * The key meant by {@code key}: the whole key (its secret must match), its masked form
     * ({@code hskey-auth-<prefix>-***}) or its bare prefix. With {@code owner}, as Headscale's
     * {@code preauthkeys -u ID expire KEY}, a key of another user is refused.
     */
    public PreAuthKeyView find(String key, java.util.Optional<Long> owner) {
        if (key == null || key.isBlank()) {
            throw DomainException.invalid("key is required");
        }
        java.util.Optional<SecretKey> whole = SecretKey.parsePresented(SecretKey.PREAUTH_MARKER, key);
        String prefix = whole.map(SecretKey::prefix).orElseGet(() -> SecretKey.shownPrefix(SecretKey.PREAUTH_MARKER, key));
        PreAuthKeyView found = inventory.preAuthKeyByPrefix(prefix)
                .filter(k -> whole.map(w -> w.matches(k.secretHash())).orElse(true))
                .orElseThrow(() -> DomainException.notFound("pre-auth key '" + SecretKey.masked(SecretKey.PREAUTH_MARKER, prefix)
                        + "' not found"));
        if (owner.isPresent() && !found.userId().equals(owner)) {
            throw DomainException.invalid("preauth key does not belong to user " + owner.get());
        }
        return found;
    }

    public void expire(long id, AuditContext audit) {
        get(id);
        commands.send(new ExpirePreAuthKey(id, clock.instant()), audit, "pre-auth key " + id);
    }

    public void delete(long id, AuditContext audit) {
        get(id);
        commands.send(new DeletePreAuthKey(id), audit, "pre-auth key " + id);
    }

}
