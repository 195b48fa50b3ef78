package dev.chronoscale.derp.client;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;

/** Sends the WebSocket upgrade (subprotocol {@code derp}) when connected and completes it on the 101. */
final class WebSocketUpgradeHandler extends ChannelInboundHandlerAdapter {
    private final WebSocketClientHandshaker handshaker;

    WebSocketUpgradeHandler(WebSocketClientHandshaker handshaker) {
        this.handshaker = handshaker;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel());
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!handshaker.isHandshakeComplete() && msg instanceof FullHttpResponse response) {
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } finally {
                response.release();
            }
            ctx.pipeline().remove(this);
            return;
        }
        ctx.fireChannelRead(msg);
    }
}
