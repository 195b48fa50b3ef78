package dev.chronoscale.admin.login;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the identity provider vouched for in one login, from its verified ID token (and its userinfo endpoint for
 * what the token left out).
 *
 * @param subject           the provider identifier, {@code iss/sub} in Headscale's form: how the person is known here
 * @param preferredUsername the {@code preferred_username} claim
 * @param groups            the {@code groups} claim (Keycloak's full paths such as {@code /ops}), empty when none
 * @param tokenExpiry       the ID token's {@code exp}
 * @param claims            every claim of the verified ID token, for mappings that name a claim ({@code oidc.roles.claim})
 */
public record VerifiedLogin(String subject, String issuer, String sub, Optional<String> name,
                            Optional<String> preferredUsername, Optional<String> email, boolean emailVerified,
                            Optional<String> picture, List<String> groups, Instant tokenExpiry,
                            Map<String, Object> claims) {

    public VerifiedLogin {
        groups = List.copyOf(groups);
        claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
    }
}
