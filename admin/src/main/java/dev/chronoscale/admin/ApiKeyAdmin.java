package dev.chronoscale.admin;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.apikey.ApiKeyCommands.CreateApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.DeleteApiKey;
import dev.chronoscale.domain.apikey.ApiKeyCommands.ExpireApiKey;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** Admin API keys: creation, listing, expiry, deletion. Logging in with one is {@link dev.chronoscale.admin.login.ApiKeyLogin}. */
public final class ApiKeyAdmin {

    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;
    private final IdSequence ids;
    private final Clock clock;

    public ApiKeyAdmin(AuditedCommandSender commands, InventoryQueries inventory, IdSequence ids, Clock clock) {
        this.commands = commands;
        this.inventory = inventory;
        this.ids = ids;
        this.clock = clock;
    }

    /** Returns the full key text, which is never stored and cannot be shown again. A key without a role has full access. */
    public String create(Instant expiration, AuditContext audit) {
        return create(expiration, Optional.empty(), audit);
    }

    /** {@code role}: the one role the key's requests carry; empty for full access (admin). */
    public String create(Instant expiration, Optional<UserRole> role, AuditContext audit) {
        if (expiration == null) {
            throw DomainException.invalid("an expiration is required");
        }
        if (!expiration.isAfter(clock.instant())) {
            throw DomainException.invalid("the expiration " + expiration + " is in the past");
        }
        SecretKey secret = SecretKey.generate(SecretKey.API_MARKER);
        long id = ids.next(IdSequence.Kind.API_KEY);
        commands.send(new CreateApiKey(id, secret.prefix(), secret.secretHash(), expiration, role.orElse(null)), audit, "API key " + id);
        return secret.text();
    }

    /** Accepts an id, or a prefix in any of the forms Headscale accepts (bare, full, or masked). */
    public ApiKeyView find(Optional<Long> id, Optional<String> prefix) {
        if (id.isPresent() == prefix.isPresent()) {
            throw DomainException.invalid(id.isPresent() ? "provide either id or prefix, not both" : "must provide id or prefix");
        }
        if (id.isPresent()) {
            return inventory.apiKey(id.get()).orElseThrow(() -> DomainException.notFound("API key " + id.get() + " not found"));
        }
        String bare = SecretKey.shownPrefix(SecretKey.API_MARKER, prefix.get());
        return inventory.apiKeyByPrefix(bare)
                .orElseThrow(() -> DomainException.notFound("API key with prefix '" + prefix.get() + "' not found"));
    }

    public void expire(ApiKeyView key, AuditContext audit) {
        commands.send(new ExpireApiKey(key.id(), clock.instant()), audit, "API key " + key.id());
    }

    public void delete(ApiKeyView key, AuditContext audit) {
        commands.send(new DeleteApiKey(key.id()), audit, "API key " + key.id());
    }
}
