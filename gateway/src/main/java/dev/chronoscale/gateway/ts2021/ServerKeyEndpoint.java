package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code GET /key?v=<capability version>}: tells a client which Noise key to expect from this
 * server. The body is {@code tailcfg.OverTLSPublicKeyResponse} exactly as Go's JSON encoder writes
 * it, trailing newline included.
 */
public final class ServerKeyEndpoint {

    public static final String PATH = "/key";
    /** Clients older than this expect a bare legacy key, not JSON; they cannot use ts2021 at all. */
    static final int NOISE_CAPABILITY_VERSION = 39;

    private final byte[] body;

    /** The legacy (pre-Noise) key is sent as all zeros, as Headscale does; clients only use it for optional signing. */
    public ServerKeyEndpoint(ServerNoiseKey noiseKey) {
        this(noiseKey.publicKey(), MachinePublicKey.zero());
    }

    public ServerKeyEndpoint(MachinePublicKey noiseKey, MachinePublicKey legacyKey) {
        this.body = ("{\"legacyPublicKey\":\"" + legacyKey.text() + "\",\"publicKey\":\"" + noiseKey.text() + "\"}\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    public byte[] body() {
        return body.clone();
    }

    /** Answers a request routed to {@link #PATH}; the caller writes the response and still owns the request. */
    public FullHttpResponse respond(HttpRequest request) {
        if (!HttpMethod.GET.equals(request.method()) && !HttpMethod.HEAD.equals(request.method())) {
            return plain(HttpResponseStatus.METHOD_NOT_ALLOWED, "method not allowed\n");
        }
        List<String> v = new QueryStringDecoder(request.uri()).parameters().get("v");
        int version;
        try {
            version = v == null || v.isEmpty() ? -1 : Integer.parseInt(v.get(0));
        } catch (NumberFormatException e) {
            version = -1;
        }
        if (version < 0) {
            return plain(HttpResponseStatus.BAD_REQUEST, "missing or invalid v parameter\n");
        }
        if (version < NOISE_CAPABILITY_VERSION) {
            return plain(HttpResponseStatus.BAD_REQUEST, "client too old: ts2021 (Noise) is required\n");
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(HttpMethod.HEAD.equals(request.method()) ? new byte[0] : body));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, HttpHeaderValues.APPLICATION_JSON)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        return response;
    }

    private static FullHttpResponse plain(HttpResponseStatus status, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(bytes));
        response.headers()
                .set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
                .setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        return response;
    }
}
