package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.inventory.InventoryQueries;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

/**
 * Operator login with an API key: a bearer token that is an existing, matching, unexpired key makes
 * the caller that key, known by its prefix (never the secret), with the key's role, or admin for a key created
 * without one.
 */
public final class ApiKeyLogin {

    /** A key that logged in, and the roles its requests carry. */
    public record LoggedIn(Identity.ApiKey identity, Set<UserRole> roles) {
        public LoggedIn {
            roles = Set.copyOf(roles);
        }
    }

    private final InventoryQueries inventory;
    private final Clock clock;

    public ApiKeyLogin(InventoryQueries inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    public Optional<LoggedIn> login(String bearerToken) {
        return SecretKey.parsePresented(SecretKey.API_MARKER, bearerToken).flatMap(key -> inventory.apiKeyByPrefix(key.prefix())
                        .filter(k -> key.matches(k.secretHash()))
                        .filter(k -> !k.isExpired(clock.instant())))
                .map(key -> new LoggedIn(new Identity.ApiKey(key.prefix()), Set.of(key.role().orElse(UserRole.ADMIN))));
    }
}
