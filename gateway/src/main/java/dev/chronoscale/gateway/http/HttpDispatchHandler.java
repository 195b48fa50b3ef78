package dev.chronoscale.gateway.http;

import dev.chronoscale.gateway.ts2021.ServerKeyEndpoint;
import dev.chronoscale.gateway.ts2021.Ts2021Upgrade;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.QueryStringDecoder;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;

/**
 * Serves the Tailscale endpoints (DERP takeovers, {@code /key}, {@code /ts2021}) and hands every other
 * request, with its transport facts, to the operator dispatch. Who the caller is, is not decided here.
 * The operator side runs off the event loop, since it reaches the database.
 */
final class HttpDispatchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    private final OperatorDispatch operator;
    private final ExecutorService workers;
    private final Optional<TailscaleEndpoints> tailscale;
    private final List<ConnectionTakeover> takeovers;

    HttpDispatchHandler(OperatorDispatch operator, ExecutorService workers,
                        Optional<TailscaleEndpoints> tailscale, List<ConnectionTakeover> takeovers) {
        this.operator = operator;
        this.workers = workers;
        this.tailscale = tailscale;
        this.takeovers = takeovers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            write(ctx, ErrorReplies.problem(io.netty.handler.codec.http.HttpResponseStatus.BAD_REQUEST, 3,
                    "malformed HTTP request"), false);
            return;
        }
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.path();
        for (ConnectionTakeover takeover : takeovers) {
            if (takeover.handles(request)) {
                if (ctx.pipeline().get(GatewayHttpServer.READ_TIMEOUT) != null) {
                    ctx.pipeline().remove(GatewayHttpServer.READ_TIMEOUT);
                }
                takeover.serve(ctx, request);
                return;
            }
        }
        if (tailscale.isPresent() && path.equals(ServerKeyEndpoint.PATH)) {
            finish(ctx, tailscale.get().key().respond(request), keepAlive);
            return;
        }
        if (tailscale.isPresent() && path.equals(Ts2021Upgrade.PATH)) {
            if (ctx.pipeline().get(GatewayHttpServer.READ_TIMEOUT) != null) {
                ctx.pipeline().remove(GatewayHttpServer.READ_TIMEOUT);
            }
            tailscale.get().ts2021().install(ctx, request);
            return;
        }
        OperatorRequest operatorRequest = new OperatorRequest(request.method(), path, uri.parameters(),
                request.headers().copy(), ByteBufUtil.getBytes(request.content()), remoteAddress(ctx), unixPeer(ctx));
        workers.execute(() -> {
            HttpReply reply;
            try {
                reply = operator.serve(operatorRequest);
            } catch (Throwable failure) {
                reply = ErrorReplies.of(failure);
            }
            write(ctx, reply, keepAlive);
        });
    }

    private static Optional<OperatorRequest.UnixPeer> unixPeer(ChannelHandlerContext ctx) {
        if (!(ctx.channel() instanceof EpollDomainSocketChannel local)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new OperatorRequest.UnixPeer(OptionalInt.of(local.peerCredentials().uid())));
        } catch (Exception e) {
            return Optional.of(new OperatorRequest.UnixPeer(OptionalInt.empty()));
        }
    }

    static Optional<String> remoteAddress(ChannelHandlerContext ctx) {
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress inet) {
            return Optional.of(inet.getAddress().getHostAddress());
        }
        return Optional.empty();
    }

    private static void write(ChannelHandlerContext ctx, HttpReply reply, boolean keepAlive) {
        switch (reply) {
            case HttpReply.Whole whole -> {
                FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, whole.status(),
                        Unpooled.wrappedBuffer(whole.body()));
                response.headers().set(HttpHeaderNames.CONTENT_TYPE, whole.contentType());
                response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, whole.body().length);
                whole.headers().forEach((name, values) -> response.headers().add(name, values));
                finish(ctx, response, keepAlive);
            }
            case HttpReply.Streamed streamed -> {
                // A stream lasts as long as its producer has something to say (an event stream: until the client
                // leaves), not as long as the client keeps sending.
                if (ctx.pipeline().get(GatewayHttpServer.READ_TIMEOUT) != null) {
                    ctx.pipeline().remove(GatewayHttpServer.READ_TIMEOUT);
                }
                HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, streamed.status());
                head.headers().set(HttpHeaderNames.CONTENT_TYPE, streamed.contentType());
                head.headers().set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
                streamed.headers().forEach((name, values) -> head.headers().add(name, values));
                ctx.writeAndFlush(head);
                try {
                    streamed.producer().produce(new ChannelLines(ctx));
                } catch (HttpReply.ClientGoneException gone) {
                    ctx.close();
                    return;
                } catch (RuntimeException failure) {
                    HttpReply error = ErrorReplies.of(failure);
                    String text = new String(((HttpReply.Whole) error).body(), StandardCharsets.UTF_8);
                    ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(
                            "{\"error\":" + text + "}\n", StandardCharsets.UTF_8)));
                }
                ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }

    /** A streamed reply's lines, each written and flushed at once; refused once the channel is closed. */
    private record ChannelLines(ChannelHandlerContext ctx) implements HttpReply.Lines {
        @Override
        public void accept(String line) {
            if (!isOpen()) {
                throw new HttpReply.ClientGoneException();
            }
            ctx.writeAndFlush(new DefaultHttpContent(Unpooled.copiedBuffer(line + "\n", StandardCharsets.UTF_8)));
        }

        @Override
        public boolean isOpen() {
            return ctx.channel().isActive();
        }
    }

    private static void finish(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
        if (keepAlive) {
            HttpUtil.setKeepAlive(response, true);
            ctx.writeAndFlush(response);
        } else {
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
