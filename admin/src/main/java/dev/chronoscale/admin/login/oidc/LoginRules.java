package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.VerifiedLogin;

import java.util.Optional;

/**
 * Who may log in, as Headscale decides it: {@code allowed_groups} first, then — when the e-mail is to be trusted
 * ({@code email_verified_required} off, or the provider verified it) — {@code allowed_domains} and
 * {@code allowed_users} (both about the e-mail). An e-mail not verified is refused only when a rule needs it.
 */
final class LoginRules {

    private final OidcSettings settings;

    LoginRules(OidcSettings settings) {
        this.settings = settings;
    }

    void check(VerifiedLogin login) {
        if (!settings.allowedGroups().isEmpty() && settings.allowedGroups().stream().noneMatch(login.groups()::contains)) {
            throw new LoginRefusal("not_allowed_group", 403, "You are not in any of the groups allowed to log in here.");
        }
        boolean trustEmail = !settings.emailVerifiedRequired() || login.emailVerified();
        boolean emailRules = !settings.allowedDomains().isEmpty() || !settings.allowedUsers().isEmpty();
        if (!trustEmail && emailRules) {
            throw new LoginRefusal("email_not_verified", 403, "Your e-mail address is not verified by the identity "
                    + "provider, and this server admits people by their e-mail. Verify it there and log in again.");
        }
        String email = login.email().orElse("");
        if (!settings.allowedDomains().isEmpty()) {
            int at = email.lastIndexOf('@');
            if (at < 0 || !settings.allowedDomains().contains(email.substring(at + 1))) {
                throw new LoginRefusal("not_allowed_domain", 403, "Your e-mail domain is not allowed to log in here.");
            }
        }
        if (!settings.allowedUsers().isEmpty() && !settings.allowedUsers().contains(email)) {
            throw new LoginRefusal("not_allowed_user", 403, "Your account is not allowed to log in here.");
        }
    }

    /** The e-mail the user gets: the token's, when it is verified or need not be, and it looks like an address. */
    Optional<String> trustedEmail(VerifiedLogin login) {
        return login.email().filter(email -> login.emailVerified() || !settings.emailVerifiedRequired())
                .filter(email -> email.matches("[^@\\s]+@[^@\\s]+"));
    }
}
