package dev.chronoscale.derp.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;

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
            DerpHttpService.respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "bad request\n");
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
