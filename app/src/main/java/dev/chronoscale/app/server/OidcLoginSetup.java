package dev.chronoscale.app.server;

import dev.chronoscale.admin.login.oidc.OidcLogin;
import dev.chronoscale.admin.login.oidc.OidcProvider;
import dev.chronoscale.admin.login.oidc.LoginRefusal;
import dev.chronoscale.admin.login.oidc.OidcSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.Function;

/**
 * OIDC login when {@code oidc.issuer} is set: the provider's discovery is read at start, and
 * {@code oidc.only_start_if_oidc_is_available} (Headscale's, default true) decides whether a provider that cannot be
 * reached stops the start or only the logins, each of which tries again and shows "provider unavailable" meanwhile.
 */
record OidcLoginSetup(Optional<OidcLogin> login) {

    private static final Logger LOG = LoggerFactory.getLogger(OidcLoginSetup.class);

    static OidcLoginSetup of(Optional<OidcSettings> settings, OidcProvider.Factory providers, Function<OidcProvider, OidcLogin> login) {
        if (settings.isEmpty()) {
            return new OidcLoginSetup(Optional.empty());
        }
        OidcProvider provider = providers.create(settings.get());
        try {
            provider.discover();
        } catch (LoginRefusal unavailable) {
            if (settings.get().onlyStartIfAvailable()) {
                throw new StartupFailure("oidc.issuer " + settings.get().issuer() + ": " + unavailable.getMessage()
                        + " (set oidc.only_start_if_oidc_is_available: false to start without it)", unavailable);
            }
            LOG.warn("oidc.issuer {}: {}; OIDC logins are refused until it answers", settings.get().issuer(),
                    unavailable.getMessage());
        }
        return new OidcLoginSetup(Optional.of(login.apply(provider)));
    }
}
