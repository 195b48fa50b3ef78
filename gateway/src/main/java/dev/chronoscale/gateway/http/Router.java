package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Finds the route for a method and path; tells "no such path" apart from "wrong method". */
public final class Router<C> {

    public sealed interface Match<C> {
        record Found<C>(HttpRoute<C> route, Map<String, String> parameters) implements Match<C> {
        }

        record WrongMethod<C>() implements Match<C> {
        }

        record NoRoute<C>() implements Match<C> {
        }
    }

    private final List<HttpRoute<C>> routes;

    public Router(List<HttpRoute<C>> routes) {
        this.routes = List.copyOf(routes);
    }

    public List<HttpRoute<C>> routes() {
        return routes;
    }

    public Match<C> match(HttpMethod method, String path) {
        boolean pathKnown = false;
        for (HttpRoute<C> route : routes) {
            Optional<Map<String, String>> parameters = route.match(path);
            if (parameters.isPresent()) {
                if (route.method().equals(method)) {
                    return new Match.Found<>(route, parameters.get());
                }
                pathKnown = true;
            }
        }
        return pathKnown ? new Match.WrongMethod<>() : new Match.NoRoute<>();
    }

    /** Answers {@code request} with its route, or with the problem reply for an unknown path or method. */
    public HttpReply serve(OperatorRequest request, C caller) throws Exception {
        return switch (match(request.method(), request.path())) {
            case Match.NoRoute<C> none -> ErrorReplies.notFound(request.path());
            case Match.WrongMethod<C> wrong -> ErrorReplies.methodNotAllowed(request.method().name(), request.path());
            case Match.Found<C> found -> found.route().handler().handle(request.context(found.parameters()), caller);
        };
    }
}
