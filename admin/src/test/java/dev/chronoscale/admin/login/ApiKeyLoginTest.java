package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyLoginTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private final SecretKey key = SecretKey.generate(SecretKey.API_MARKER);

    private ApiKeyLogin loginWithKeyExpiringAt(Instant expiration) {
        return loginWith(new ApiKeyView(7, key.prefix(), key.secretHash(), expiration, NOW.minusSeconds(3600)));
    }

    private ApiKeyLogin loginWith(ApiKeyView stored) {
        InventoryQueries inventory = new InventoryQueries(null) {
            @Override
            public Optional<ApiKeyView> apiKeyByPrefix(String prefix) {
                return Optional.of(stored).filter(k -> k.prefix().equals(prefix));
            }
        };
        return new ApiKeyLogin(inventory, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void aValidKeyMakesTheCallerThatKeyByItsPrefix() {
        assertThat(loginWithKeyExpiringAt(NOW.plusSeconds(60)).login(key.text()))
                .contains(new ApiKeyLogin.LoggedIn(new Identity.ApiKey(key.prefix()), Set.of(UserRole.ADMIN)));
    }

    @Test
    void aKeyCreatedWithARoleCarriesOnlyThatRole() {
        ApiKeyView auditorKey = new ApiKeyView(7, key.prefix(), key.secretHash(), NOW.plusSeconds(60), NOW.minusSeconds(3600),
                Optional.of(UserRole.AUDITOR));
        assertThat(loginWith(auditorKey).login(key.text()).orElseThrow().roles()).containsExactly(UserRole.AUDITOR);
    }

    @Test
    void anExpiredKeyIsRefused() {
        assertThat(loginWithKeyExpiringAt(NOW).login(key.text())).isEmpty();
    }

    @Test
    void aKnownPrefixWithAnotherSecretIsRefused() {
        String forged = SecretKey.API_MARKER + key.prefix() + "-" + "a".repeat(64);

        assertThat(loginWithKeyExpiringAt(NOW.plusSeconds(60)).login(forged)).isEmpty();
    }

    @Test
    void somethingThatIsNotAnApiKeyIsRefused() {
        ApiKeyLogin login = loginWithKeyExpiringAt(NOW.plusSeconds(60));

        assertThat(login.login("hskey-auth-" + key.prefix() + "-" + key.secret())).isEmpty();
        assertThat(login.login("")).isEmpty();
    }
}
