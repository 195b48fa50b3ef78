package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.inventory.InventoryQueries;

import java.time.Clock;
import java.util.Optional;

/**
 * Operator login with an API key: a bearer token that is an existing, matching, unexpired key makes
 * the caller that key, known by its prefix (never the secret).
 */
public final class ApiKeyLogin {

    private final InventoryQueries inventory;
    private final Clock clock;

    public ApiKeyLogin(InventoryQueries inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    public Optional<Identity.ApiKey> login(String bearerToken) {
        return SecretKey.parsePresented(SecretKey.API_MARKER, bearerToken).flatMap(key -> inventory.apiKeyByPrefix(key.prefix())
                        .filter(k -> key.matches(k.secretHash()))
                        .filter(k -> !k.isExpired(clock.instant())))
                .map(key -> new Identity.ApiKey(key.prefix()));
    }
}
