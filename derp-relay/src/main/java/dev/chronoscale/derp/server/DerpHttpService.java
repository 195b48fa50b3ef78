package dev.chronoscale.derp.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The relay's HTTP surface: {@code /derp} (upgrade to DERP or WebSocket), {@code /derp/probe} and
 * {@code /derp/latency-check} (netcheck's HTTPS latency fallback), {@code /generate_204} (captive-portal
 * check). To embed the relay in another Netty HTTP server on the same port, call {@link #handles} and
 * {@link #serve} from that server's request handler: the pipeline must contain an {@code HttpServerCodec};
 * for {@code /derp} the connection is taken over and the host's HTTP handlers are removed from it.
 */
public final class DerpHttpService {
    static final String CHALLENGE_HEADER = "X-Tailscale-Challenge";
    static final String RESPONSE_HEADER = "X-Tailscale-Response";

    private final DerpConnectionTakeover takeover;

    public DerpHttpService(DerpServer server) {
        this.takeover = new DerpConnectionTakeover(server);
    }

    public boolean handles(HttpRequest request) {
        String path = path(request);
        return path.equals("/derp") || path.equals("/derp/probe") || path.equals("/derp/latency-check")
                || path.equals("/generate_204");
    }

    /** Answers or takes over; the caller must not touch the request or connection afterwards. */
    public void serve(ChannelHandlerContext ctx, HttpRequest request) {
        switch (path(request)) {
            case "/derp/probe", "/derp/latency-check" -> probe(ctx, request);
            case "/generate_204" -> noContent(ctx, request);
            case "/derp" -> upgrade(ctx, request);
            default -> respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found\n");
        }
    }

    private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE, "").toLowerCase(Locale.ROOT);
        if (upgrade.equals("derp")) {
            takeover.takeOverAsDerp(ctx, request);
        } else if (upgrade.equals("websocket")) {
            if (!DerpConnectionTakeover.offersDerpSubprotocol(request)) {
                respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "missing Sec-WebSocket-Protocol derp\n");
                return;
            }
            takeover.takeOverAsWebSocket(ctx, request);
        } else {
            respond(ctx, request, HttpResponseStatus.UPGRADE_REQUIRED, "DERP requires connection upgrade\n");
        }
    }

    private static void probe(ChannelHandlerContext ctx, HttpRequest request) {
        if (!request.method().equals(HttpMethod.GET) && !request.method().equals(HttpMethod.HEAD)) {
            respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "bogus probe method\n");
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        send(ctx, request, response);
    }

    private static void noContent(ChannelHandlerContext ctx, HttpRequest request) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(),
                HttpResponseStatus.NO_CONTENT);
        String challenge = request.headers().get(CHALLENGE_HEADER);
        if (challenge != null && challenge.length() <= 64 && challenge.chars().allMatch(DerpHttpService::isChallengeChar)) {
            response.headers().set(RESPONSE_HEADER, "response " + challenge);
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL,
                "no-cache, no-store, must-revalidate, no-transform, max-age=0");
        send(ctx, request, response);
    }

    private static boolean isChallengeChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '-' || c == '_' || c == ':';
    }

    public static void respond(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(request.protocolVersion(), status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        send(ctx, request, response);
    }

    private static void send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (response.status().code() != 204) {
            HttpUtil.setContentLength(response, response.content().readableBytes());
        }
        if (keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            ctx.writeAndFlush(response);
        } else {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private static String path(HttpRequest request) {
        return new QueryStringDecoder(request.uri()).path();
    }
}
