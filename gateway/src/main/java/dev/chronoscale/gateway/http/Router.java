package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route for a method and path; tells "no such path" apart from "wrong method". */
public final class Router {

    public sealed interface Match {
        record Found(HttpRoute route, Map<String, String> parameters) implements Match {
        }

        record WrongMethod() implements Match {
        }

        record NoRoute() implements Match {
        }
    }

    private final List<HttpRoute> routes;

    public Router(List<HttpRoute> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    public Match match(HttpMethod method, String path) {
        boolean pathKnown = false;
        for (HttpRoute route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match.Found(route, parameters.get());
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new Match.WrongMethod() : new Match.NoRoute();
    }
}
