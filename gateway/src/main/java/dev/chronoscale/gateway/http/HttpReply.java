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

    /**
     * The producer writes lines (each sent at once) and returns when the reply is complete; {@code headers} as for
     * {@link Whole}. A stream that runs until the client leaves asks {@link Lines#isOpen()}; writing to a client that
     * left throws {@link ClientGoneException}.
     */
    record Streamed(HttpResponseStatus status, String contentType, Producer producer, Map<String, List<String>> headers)
            implements HttpReply {
        public Streamed {
            headers = Map.copyOf(headers);
        }

        public Streamed(HttpResponseStatus status, String contentType, Producer producer) {
            this(status, contentType, producer, Map.of());
        }
    }

    @FunctionalInterface
    interface Producer {
        void produce(Lines lines);
    }

    /** Where a streamed reply's lines go: each is sent with a line feed after it. */
    interface Lines extends Consumer<String> {
        /** False once the client closed the connection. */
        boolean isOpen();
    }

    /** Thrown by {@link Lines#accept} when the client is gone: the producer should stop. */
    final class ClientGoneException extends RuntimeException {
        public ClientGoneException() {
            super("the client closed the connection");
        }
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
