package dev.chronoscale.gateway.ts2021;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

import java.nio.charset.StandardCharsets;

/** Responses on an HTTP/2 stream of a ts2021 connection; safe to call from any thread. */
public final class StreamReplies {

    private StreamReplies() {
    }

    public static void json(Channel stream, byte[] json) {
        whole(stream, HttpResponseStatus.OK, "application/json", json);
    }

    public static void text(Channel stream, HttpResponseStatus status, String text) {
        whole(stream, status, "text/plain; charset=utf-8", (text + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with no body: what a client's lite map update expects. */
    public static void empty(Channel stream) {
        whole(stream, HttpResponseStatus.OK, "text/plain; charset=utf-8", new byte[0]);
    }

    public static void noContent(Channel stream) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NO_CONTENT);
        stream.writeAndFlush(response);
    }

    /** The head of a response whose body follows as separately flushed contents (a map stream). */
    public static void streamHead(Channel stream, String contentType) {
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        stream.writeAndFlush(head);
    }

    private static void whole(Channel stream, HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType).setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        stream.writeAndFlush(response);
    }
}
