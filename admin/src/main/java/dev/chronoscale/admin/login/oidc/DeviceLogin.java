package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.LoginPage;
import dev.chronoscale.admin.login.ProviderReauthentication;
import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.register.InteractiveLogins;
import dev.chronoscale.gateway.register.PendingRegistrations.Decision;
import dev.chronoscale.gateway.register.PendingRegistrations.Outcome;
import dev.chronoscale.inventory.InventoryQueries;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A device's login decided by its person: once the provider verified them, their user is matched or created, the
 * login listeners are told ({@link LoggedInUsers}), and the pending login is decided as theirs — which registers the machine (or
 * re-authenticates it, after expiry or with a new node key) and answers the client's waiting follow-up.
 */
public final class DeviceLogin implements ProviderReauthentication.Completion {

    /** The purpose of a provider trip that logs a device in. */
    public static final String PURPOSE = "register";

    private final InteractiveLogins logins;
    private final LoggedInUsers users;
    private final InventoryQueries inventory;
    private final OidcSettings settings;
    private final Clock clock;

    DeviceLogin(InteractiveLogins logins, LoggedInUsers users, InventoryQueries inventory, OidcSettings settings, Clock clock) {
        this.logins = logins;
        this.users = users;
        this.inventory = inventory;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public LoginPage verified(String authId, VerifiedLogin login, Principal person) {
        if (!logins.isUndecided(authId)) {
            throw new LoginRefusal("login_finished", 410, "This device's login was already decided or has expired. "
                    + "Run tailscale up again on the device.");
        }
        AuditContext by = person.auditContext();
        long userId = users.userOf(login, by);
        Outcome outcome;
        try {
            outcome = logins.decide(authId, new Decision.Authenticated(userId, expiry(login), by));
        } catch (RuntimeException gone) {
            throw new LoginRefusal("login_finished", 410, "This device's login was already decided or has expired. "
                    + "Run tailscale up again on the device.");
        }
        String shown = inventory.user(userId).map(user -> user.name()).orElse("user " + userId);
        return switch (outcome) {
            case Outcome.Registered registered -> new LoginPage(200, "Logged in",
                    "Your device is now registered as " + shown + ". You can close this window.");
            case Outcome.NotRegistered refused -> throw new LoginRefusal("not_registered", 409,
                    "Your device could not be registered: " + refused.reason());
        };
    }

    /** {@code oidc.use_expiry_from_token}: the token's; else now plus {@code oidc.expiry} (0: never). */
    private Optional<Instant> expiry(VerifiedLogin login) {
        if (settings.useExpiryFromToken()) {
            return Optional.of(login.tokenExpiry());
        }
        return settings.expiry().isZero() ? Optional.empty() : Optional.of(clock.instant().plus(settings.expiry()));
    }
}
