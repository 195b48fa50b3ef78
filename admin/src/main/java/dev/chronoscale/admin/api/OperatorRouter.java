package dev.chronoscale.admin.api;

import dev.chronoscale.admin.login.ApiKeyUses;
import dev.chronoscale.admin.login.OperatorLogin;
import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.OperatorRequest;
import dev.chronoscale.gateway.http.OperatorDispatch;
import dev.chronoscale.gateway.http.Router;

/**
 * The operator side of the public port: logs the caller in, refuses {@code /api/} to anyone not logged in
 * (before routing, so an unknown API path tells an anonymous caller nothing), and hands the route the principal;
 * each route checks the permission it states ({@link PermittedRoute}). An API key's use is noted for its
 * {@code lastSeen}.
 */
public final class OperatorRouter implements OperatorDispatch {

    private static final String API_PREFIX = "/api/";

    private final OperatorLogin login;
    private final ApiKeyUses uses;
    private final Router<Principal> router;

    public OperatorRouter(OperatorLogin login, ApiKeyUses uses, Router<Principal> router) {
        this.login = login;
        this.uses = uses;
        this.router = router;
        PermittedRoute.requireEveryRouteStatesItsNeed(router.routes());
    }

    @Override
    public HttpReply serve(OperatorRequest request) throws Exception {
        Principal principal = login.login(request);
        if (principal.identity() instanceof Identity.ApiKey key) {
            uses.used(key.prefix());
        }
        if (request.path().startsWith(API_PREFIX)) {
            principal.requireLoggedIn();
        }
        return router.serve(request, principal);
    }
}
