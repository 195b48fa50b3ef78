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
 * listener knows about the caller (the admin module's principal on the public port).
 */
public record HttpRoute<C>(HttpMethod method, String template, String summary, Handler<C> handler) {

    @FunctionalInterface
    public interface Handler<C> {
        HttpReply handle(HttpRequestContext request, C caller) throws Exception;
    }

    public List<String> segments() {
        return List.of(template.substring(1).split("/"));
    }

    public List<String> parameterNames() {
        List<String> names = new ArrayList<>();
        for (String segment : segments()) {
            if (segment.startsWith("{")) {
                names.add(segment.substring(1, segment.length() - 1));
            }
        }
        return names;
    }

    /** The path parameters when {@code path} fits this template. */
    public Optional<Map<String, String>> match(String path) {
        String[] parts = path.substring(1).split("/", -1);
        List<String> segments = segments();
        if (parts.length != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> parameters = new HashMap<>();
        for (int i = 0; i < parts.length; i++) {
            String segment = segments.get(i);
            if (segment.startsWith("{")) {
                if (parts[i].isEmpty()) {
                    return Optional.empty();
                }
                parameters.put(segment.substring(1, segment.length() - 1), parts[i]);
            } else if (!segment.equals(parts[i])) {
                return Optional.empty();
            }
        }
        return Optional.of(parameters);
    }
}
