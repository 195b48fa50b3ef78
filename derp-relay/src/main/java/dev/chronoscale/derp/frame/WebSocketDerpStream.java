package dev.chronoscale.derp.frame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.ArrayList;
import java.util.List;

/**
 * DERP over WebSocket: binary messages carry the plain DERP byte stream. Message boundaries mean nothing:
 * a DERP frame may span messages and a message may hold several frames, so this handler sits below
 * {@link DerpFrameCodec} and only unwraps and wraps bytes. Outbound, the DERP frames written between two
 * flushes travel as one message (up to {@link #MAX_MESSAGE_BYTES}) rather than one message per frame,
 * which saves a WebSocket header, and on the client side a masking pass, per packet. Used by server and
 * client alike.
 */
public final class WebSocketDerpStream extends ChannelDuplexHandler {
    static final int MAX_MESSAGE_BYTES = 64 << 10;

    private CompositeByteBuf pending;
    private final List<ChannelPromise> pendingPromises = new ArrayList<>();

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof BinaryWebSocketFrame || msg instanceof ContinuationWebSocketFrame) {
            ctx.fireChannelRead(((WebSocketFrame) msg).content());
        } else if (msg instanceof PingWebSocketFrame ping) {
            ctx.writeAndFlush(new PongWebSocketFrame(ping.content()));
        } else if (msg instanceof CloseWebSocketFrame close) {
            close.release();
            ctx.close();
        } else if (msg instanceof WebSocketFrame other) {
            other.release(); // text and pong messages carry nothing for DERP
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (!(msg instanceof ByteBuf bytes)) {
            ctx.write(msg, promise);
            return;
        }
        if (pending == null) {
            pending = ctx.alloc().compositeBuffer(256);
        }
        pending.addComponent(true, bytes);
        if (!promise.isVoid()) {
            pendingPromises.add(promise);
        }
        if (pending.readableBytes() >= MAX_MESSAGE_BYTES) {
            writePending(ctx);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        writePending(ctx);
        ctx.flush();
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) throws Exception {
        writePending(ctx);
        super.close(ctx, promise);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (pending != null) {
            pending.release();
            pending = null;
            pendingPromises.forEach(p -> p.tryFailure(new IllegalStateException("WebSocket stream removed")));
            pendingPromises.clear();
        }
    }

    private void writePending(ChannelHandlerContext ctx) {
        if (pending == null) {
            return;
        }
        CompositeByteBuf message = pending;
        List<ChannelPromise> promises = pendingPromises.isEmpty() ? List.of() : new ArrayList<>(pendingPromises);
        pending = null;
        pendingPromises.clear();
        if (promises.isEmpty()) {
            ctx.write(new BinaryWebSocketFrame(message), ctx.voidPromise());
        } else {
            ctx.write(new BinaryWebSocketFrame(message)).addListener(f -> {
                for (ChannelPromise p : promises) {
                    if (f.isSuccess()) {
                        p.trySuccess();
                    } else {
                        p.tryFailure(f.cause());
                    }
                }
            });
        }
    }
}
