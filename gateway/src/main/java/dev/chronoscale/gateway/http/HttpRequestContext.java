package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One request as a route sees it: path parameters, query, cookies and body; who is calling comes beside it.
 * {@code cookies}: the {@code Cookie} header's name/value pairs (a browser's, for the login pages); {@code headers}: all
 * of the request's (an event stream's {@code Last-Event-ID}, a browser's {@code Origin}).
 */
public record HttpRequestContext(HttpMethod method, String path, Map<String, String> pathParameters,
                                 Map<String, List<String>> query, byte[] body, Map<String, String> cookies,
                                 HttpHeaders headers) {

    public HttpRequestContext {
        cookies = Map.copyOf(cookies);
    }

    public HttpRequestContext(HttpMethod method, String path, Map<String, String> pathParameters,
                              Map<String, List<String>> query, byte[] body, Map<String, String> cookies) {
        this(method, path, pathParameters, query, body, cookies, EmptyHttpHeaders.INSTANCE);
    }

    public HttpRequestContext(HttpMethod method, String path, Map<String, String> pathParameters,
                              Map<String, List<String>> query, byte[] body) {
        this(method, path, pathParameters, query, body, Map.of());
    }

    public Optional<String> header(CharSequence name) {
        return Optional.ofNullable(headers.get(name));
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

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
