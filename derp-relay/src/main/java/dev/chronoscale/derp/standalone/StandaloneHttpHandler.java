package dev.chronoscale.derp.standalone;

import dev.chronoscale.derp.server.DerpHttpService;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;

/** Request handler of the standalone relay: the DERP endpoints, a plain landing page, 404 for the rest. */
final class StandaloneHttpHandler extends SimpleChannelInboundHandler<HttpObject> {
    private final DerpHttpService service;

    StandaloneHttpHandler(DerpHttpService service) {
        this.service = service;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, HttpObject msg) {
        if (!(msg instanceof HttpRequest request)) {
            return; // request bodies are ignored (SimpleChannelInboundHandler releases them)
        }
        if (request.decoderResult().isFailure()) {
            // Not HTTP at all, e.g. a TLS ClientHello on a plain-HTTP relay (netcheck's HTTPS probe).
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.BAD_REQUEST, Unpooled.copiedBuffer("400 Bad Request", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        if (service.handles(request)) {
            service.serve(ctx, request);
        } else if (request.uri().equals("/")) {
            DerpHttpService.respond(ctx, request, HttpResponseStatus.OK,
                    "Chronoscale DERP relay. This is a Tailscale DERP server.\n");
        } else {
            DerpHttpService.respond(ctx, request, HttpResponseStatus.NOT_FOUND, "not found\n");
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
