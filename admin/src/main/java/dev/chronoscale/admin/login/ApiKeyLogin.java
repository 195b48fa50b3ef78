package dev.chronoscale.admin.login;

import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.http.CallerAuthenticator;
import dev.chronoscale.inventory.InventoryQueries;

import java.time.Clock;
import java.util.Optional;

/**
 * Operator login with an API key: a bearer token that is an existing, matching, unexpired key makes
 * the caller that key, recorded by its prefix (never the secret).
 */
public final class ApiKeyLogin implements CallerAuthenticator {

    private final InventoryQueries inventory;
    private final Clock clock;

    public ApiKeyLogin(InventoryQueries inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public Optional<AuditContext> authenticate(String bearerToken, Optional<String> remoteAddress) {
        return SecretKey.parse(SecretKey.API_MARKER, bearerToken).flatMap(key -> inventory.apiKeyByPrefix(key.prefix())
                        .filter(k -> key.matches(k.secretHash()))
                        .filter(k -> !k.isExpired(clock.instant())))
                .map(key -> new AuditContext(ActorType.API_KEY, key.prefix(), remoteAddress, Optional.empty()));
    }
}
