package dev.chronoscale.gateway.http;

import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** What a route answers: a whole body, or lines streamed as they are produced. */
public sealed interface HttpReply {

    HttpResponseStatus status();

    String contentType();

    record Whole(HttpResponseStatus status, String contentType, byte[] body) implements HttpReply {
    }

    /** The producer writes lines (each sent at once) and returns when the reply is complete. */
    record Streamed(HttpResponseStatus status, String contentType, Consumer<Consumer<String>> producer) implements HttpReply {
    }

    static HttpReply json(HttpResponseStatus status, String json) {
        return new Whole(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    static HttpReply text(HttpResponseStatus status, String text) {
        return new Whole(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }
}
