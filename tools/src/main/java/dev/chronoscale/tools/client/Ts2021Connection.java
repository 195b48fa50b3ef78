package dev.chronoscale.tools.client;

import dev.chronoscale.gateway.noise.NoiseSession;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * An established ts2021 connection: HTTP/2 over Noise to a control server. Each request gets its
 * own stream; any number may be in flight at once.
 */
public final class Ts2021Connection implements AutoCloseable {

    private final Channel channel;
    private final NoiseSession session;
    private final CompletableFuture<Optional<String>> earlyPayload;

    Ts2021Connection(Channel channel, NoiseSession session, CompletableFuture<Optional<String>> earlyPayload) {
        this.channel = channel;
        this.session = session;
        this.earlyPayload = earlyPayload;
    }

    /**
     * The JSON {@code EarlyNoise} the server sent before HTTP/2 (Headscale's node key challenge),
     * or empty if it went straight to HTTP/2. Completes with the server's first bytes.
     */
    public CompletableFuture<Optional<String>> earlyPayload() {
        return earlyPayload;
    }

    public Channel channel() {
        return channel;
    }

    public NoiseSession session() {
        return session;
    }

    /**
     * Opens a stream whose pipeline reads and writes HTTP objects ({@code HttpRequest} out,
     * {@code HttpResponse}/{@code HttpContent} in), for long-lived exchanges such as a map poll.
     */
    public CompletableFuture<Http2StreamChannel> openStream(ChannelHandler handler) {
        CompletableFuture<Http2StreamChannel> opened = new CompletableFuture<>();
        new Http2StreamChannelBootstrap(channel)
                .handler(new ChannelInitializer<Http2StreamChannel>() {
                    @Override
                    protected void initChannel(Http2StreamChannel stream) {
                        stream.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false), handler);
                    }
                })
                .open()
                .addListener(f -> {
                    if (f.isSuccess()) {
                        opened.complete((Http2StreamChannel) f.getNow());
                    } else {
                        opened.completeExceptionally(f.cause());
                    }
                });
        return opened;
    }

    /**
     * Sends one request on a new stream and collects the whole response (bodies up to
     * {@code maxResponseBytes}). The request is released once written; the caller releases the
     * response.
     */
    public CompletableFuture<FullHttpResponse> request(FullHttpRequest request, int maxResponseBytes) {
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        ChannelInitializer<Channel> collector = new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new HttpObjectAggregator(maxResponseBytes),
                        new SimpleChannelInboundHandler<FullHttpResponse>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                                response.complete(msg.retainedDuplicate());
                                ctx.close();
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                response.completeExceptionally(new IllegalStateException("stream closed without a response"));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                response.completeExceptionally(cause);
                                ctx.close();
                            }
                        });
            }
        };
        openStream(collector).whenComplete((stream, failure) -> {
            if (failure != null) {
                request.release();
                response.completeExceptionally(failure);
            } else {
                stream.writeAndFlush(request).addListener(written -> {
                    if (!written.isSuccess()) {
                        response.completeExceptionally(written.cause());
                    }
                });
            }
        });
        return response;
    }

    @Override
    public void close() {
        ChannelFuture closed = channel.close();
        if (!channel.eventLoop().inEventLoop()) {
            closed.syncUninterruptibly();
        }
    }
}
