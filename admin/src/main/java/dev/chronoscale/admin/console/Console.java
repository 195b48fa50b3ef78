package dev.chronoscale.admin.console;

import dev.chronoscale.admin.api.PermittedRoute;
import dev.chronoscale.admin.login.ApiKeyLogin;
import dev.chronoscale.admin.login.SessionCredential;
import dev.chronoscale.admin.login.oidc.OidcLogin;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.inventory.InventoryQueries;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The web console put together: its pages and files, its login and session routes, and its session as a credential
 * for {@code OperatorLogin}. Every route is public: the pages hold no data, the login is how a caller gets a
 * credential, and the session routes answer about the browser's own session, 401 without one.
 */
public final class Console {

    /** The classpath folder the front end's build is packed into. */
    public static final String BUILD_FOLDER = "console";

    private final ConsoleSessionLogin credential;
    private final List<HttpRoute<Principal>> routes = new ArrayList<>();

    public Console(ConsoleSettings settings, JdbcTemplate jdbc, ApiKeyLogin apiKeys, InventoryQueries inventory,
                   Optional<OidcLogin> oidc, Clock clock, String buildFolder) {
        ConsoleSessions sessions = new ConsoleSessions(jdbc, settings, clock);
        this.credential = new ConsoleSessionLogin(sessions, inventory, clock);
        Optional<ConsoleOidcLogin> oidcLogin = oidc.map(login -> new ConsoleOidcLogin(login, sessions, inventory));
        List<HttpRoute<Principal>> all = new ArrayList<>(new ConsoleSessionRoutes(sessions, credential, apiKeys, oidcLogin).routes());
        all.addAll(new ConsoleAssets(buildFolder, Console.class.getClassLoader()).routes());
        all.forEach(route -> routes.add(PermittedRoute.needs(Permission.PUBLIC, ConsoleHeaders.on(route))));
    }

    public SessionCredential credential() {
        return credential;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.copyOf(routes);
    }
}
