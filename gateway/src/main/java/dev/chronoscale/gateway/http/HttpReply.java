package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** What a route answers: a whole body, or lines streamed as they are produced. */
public sealed interface HttpReply {

    HttpResponseStatus status();

    String contentType();

    /** {@code headers}: more response headers by name (a redirect's {@code Location}, {@code Set-Cookie}). */
    record Whole(HttpResponseStatus status, String contentType, byte[] body, Map<String, List<String>> headers)
            implements HttpReply {
        public Whole {
            headers = Map.copyOf(headers);
        }

        public Whole(HttpResponseStatus status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of());
        }
    }

    /** The producer writes lines (each sent at once) and returns when the reply is complete. */
    record Streamed(HttpResponseStatus status, String contentType, Consumer<Consumer<String>> producer) implements HttpReply {
    }

    static HttpReply json(HttpResponseStatus status, String json) {
        return new Whole(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A {@code 302 Found} to {@code location}, setting {@code cookies} ({@code Set-Cookie} values). */
    static HttpReply redirect(String location, List<String> cookies) {
        return new Whole(HttpResponseStatus.FOUND, "text/plain; charset=utf-8", new byte[0],
                cookies.isEmpty() ? Map.of("Location", List.of(location))
                        : Map.of("Location", List.of(location), "Set-Cookie", List.copyOf(cookies)));
    }

    static HttpReply text(HttpResponseStatus status, String text) {
        return new Whole(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
