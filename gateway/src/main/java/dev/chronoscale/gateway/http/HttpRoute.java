package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpMethod;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A method and a path template such as {@code /api/v1/node/{node_id}/rename/{new_name}}, with the
 * code that answers it and a one-line summary for the OpenAPI document. {@code C} is what the
 * listener knows about the caller (the admin module's principal on the public port). A last segment
 * {@code {name...}} takes the rest of the path, slashes included, and may be empty ({@code /console/{path...}}
 * matches {@code /console/} and {@code /console/assets/app.js}).
 */
public record HttpRoute<C>(HttpMethod method, String template, String summary, Handler<C> handler) {

    @FunctionalInterface
    public interface Handler<C> {
        HttpReply handle(HttpRequestContext request, C caller) throws Exception;
    }

    public List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }

    private static final String REST = "...}";

    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments()) {
            if (segment.startsWith("{")) {
                names.add(parameterName(segment));
            }
        }
        return names;
    }

    private static String parameterName(String segment) {
        return segment.substring(1, segment.length() - (segment.endsWith(REST) ? REST.length() : 1));
    }

    /** The path parameters when {@code path} fits this template. */
    public Optional<Map<String, String>> match(String path) {
        String[] parts = path.substring(1).split("/", -1);
        List<String> segments = segments();
        boolean takesTheRest = segments.getLast().endsWith(REST);
        if (takesTheRest ? parts.length < segments.size() : parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (takesTheRest && i == segments.size() - 1) {
                parameters.put(parameterName(segment), String.join("/", List.of(parts).subList(i, parts.length)));
            } else if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(parameterName(segment), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
