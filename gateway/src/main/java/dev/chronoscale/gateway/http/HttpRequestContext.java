package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** One request as a route sees it: path parameters, query and body; who is calling comes beside it. */
public record HttpRequestContext(HttpMethod method, String path, Map<String, String> pathParameters,
                                 Map<String, List<String>> query, byte[] body) {

    public String pathParameter(String name) {
        return pathParameters.get(name);
    }

    public Optional<String> queryParameter(String... names) {
        for (String name : names) {
            List<String> values = query.get(name);
            if (values != null && !values.isEmpty() && !values.get(0).isEmpty()) {
                return Optional.of(values.get(0));
            }
        }
        return Optional.empty();
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
