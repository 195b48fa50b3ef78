package dev.chronoscale.admin.console;

import dev.chronoscale.admin.login.LoginPage;
import dev.chronoscale.admin.login.ProviderReauthentication;
import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.admin.login.oidc.OidcLogin;
import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.UserView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A person's console login through the OIDC provider: the trip (purpose {@code console}, the page to return to as
 * its reference) comes back verified, the person's user is matched or created as a device's login does, and the
 * session holds that user's roles, as stored (given by an operator or by the provider's groups at this login). A
 * person whose roles may read nothing still gets a session; {@code GET /console/session} then shows no role.
 */
final class ConsoleOidcLogin implements ProviderReauthentication.Completion {

    static final String PURPOSE = "console";
    static final String HOME = "/console/";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleOidcLogin.class);
    /** The trip's reference column holds 255 characters. */
    private static final int MAX_NEXT_LENGTH = 255;
    private static final Pattern NEXT = Pattern.compile("/console(/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?(\\?[A-Za-z0-9._~!$&'()*+,;=:@%/?-]*)?");

    private final OidcLogin oidc;
    private final ConsoleSessions sessions;
    private final InventoryQueries inventory;

    ConsoleOidcLogin(OidcLogin oidc, ConsoleSessions sessions, InventoryQueries inventory) {
        this.oidc = oidc;
        this.sessions = sessions;
        this.inventory = inventory;
        oidc.onVerified(PURPOSE, this);
    }

    /** Where the browser goes to the provider, to come back to {@code next}. */
    ProviderReauthentication.BrowserRedirect begin(Optional<String> next) {
        return oidc.begin(PURPOSE, safeNext(next));
    }

    @Override
    public LoginPage verified(String next, VerifiedLogin login, Principal person) {
        long userId = oidc.userOf(login, person.auditContext());
        Optional<UserView> user = inventory.user(userId);
        String shown = user.map(u -> u.displayName() != null && !u.displayName().isBlank() ? u.displayName() : u.name())
                .orElse("user " + userId);
        ConsoleSessions.Opened opened = sessions.open(LoginMethod.OIDC, new Identity.OidcUser(login.subject()), shown,
                user.map(UserView::roles).orElse(java.util.Set.of()));
        LOG.info("console session opened through OIDC for {} (user {}, roles {}) from {}", login.subject(), userId,
                opened.session().roles(), person.remoteAddress().orElse("unknown"));
        return LoginPage.redirect(new ProviderReauthentication.BrowserRedirect(safeNext(Optional.of(next)),
                ConsoleCookie.carrying(opened.token(), sessions.settings())));
    }

    /** Only a path of the console itself: anything else (another site, {@code //host}, a traversal) is the home page. */
    static String safeNext(Optional<String> next) {
        return next.filter(path -> path.length() <= MAX_NEXT_LENGTH)
                .filter(path -> NEXT.matcher(path).matches())
                .filter(path -> !path.contains("//") && !path.contains("/../") && !path.endsWith("/..")
                        && !path.contains("%2") && !path.contains("%5") && !path.contains("%0"))
                .filter(path -> URI.create(path).getAuthority() == null)
                .orElse(HOME);
    }
}
