package dev.chronoscale.admin.api;

import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * A route of the public port that states the permission it needs; its handler checks the principal before it runs.
 * {@link OperatorRouter} refuses a route table with a route that states none, so a new route cannot forget it.
 */
public final class PermittedRoute {

    private PermittedRoute() {
    }

    public static HttpRoute<Principal> needs(Permission need, HttpMethod method, String template, String summary,
                                             HttpRoute.Handler<Principal> handler) {
        return new HttpRoute<>(method, template, summary, new Checked(need, handler));
    }

    /** A route built elsewhere (the gateway's login page, the relays' admission check). */
    public static HttpRoute<Principal> needs(Permission need, HttpRoute<Principal> route) {
        return needs(need, route.method(), route.template(), route.summary(), route.handler());
    }

    /** The permission a route states; empty for one built without it. */
    public static Optional<Permission> of(HttpRoute<?> route) {
        return route.handler() instanceof Checked checked ? Optional.of(checked.need()) : Optional.empty();
    }

    static void requireEveryRouteStatesItsNeed(List<? extends HttpRoute<?>> routes) {
        for (HttpRoute<?> route : routes) {
            if (of(route).isEmpty()) {
                throw new IllegalStateException(route.method() + " " + route.template() + " states no permission");
            }
        }
    }

    private record Checked(Permission need, HttpRoute.Handler<Principal> handler) implements HttpRoute.Handler<Principal> {
        @Override
        public HttpReply handle(HttpRequestContext request, Principal caller) throws Exception {
            caller.require(need);
            return handler.handle(request, caller);
        }
    }
}
