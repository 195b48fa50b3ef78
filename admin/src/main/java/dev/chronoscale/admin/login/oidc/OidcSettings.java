package dev.chronoscale.admin.login.oidc;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Headscale's {@code oidc.*} keys, read and checked by the configuration.
 *
 * @param expiry       {@code oidc.expiry}: how long a node logged in through OIDC stays valid; zero for never
 * @param pkceMethod   {@code S256} or {@code plain}; used when {@code pkceEnabled}
 * @param timeout      how long a call to the provider (discovery, keys, token, userinfo) may take
 */
public record OidcSettings(URI issuer, String clientId, String clientSecret, List<String> scope,
                           Map<String, String> extraParams, List<String> allowedDomains, List<String> allowedUsers,
                           List<String> allowedGroups, boolean emailVerifiedRequired, Duration expiry,
                           boolean useExpiryFromToken, boolean pkceEnabled, PkceMethod pkceMethod,
                           boolean onlyStartIfAvailable, Duration timeout) {

    public enum PkceMethod {
        S256, PLAIN
    }

    public OidcSettings {
        scope = List.copyOf(scope);
        extraParams = Map.copyOf(extraParams);
        allowedDomains = List.copyOf(allowedDomains);
        allowedUsers = List.copyOf(allowedUsers);
        allowedGroups = List.copyOf(allowedGroups);
    }

    /** Never printed: the secret stays out of logs and error messages. */
    @Override
    public String toString() {
        return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + "]";
    }
}
