package dev.chronoscale.gateway.ts2021;

import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.ServerNoiseKey;
import dev.chronoscale.tailcfg.CapabilityVersion;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import dev.chronoscale.gateway.mapstream.MapMessageEncoder;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Supplier;

/**
 * A minimal HTTP server wired the way the real one will be: HTTP/1.1 codec and aggregator, then a
 * router that hands {@code /key} and {@code /ts2021} to the gateway's protocol classes. Every
 * stream request is answered with who sent it, and recorded.
 */
final class Ts2021TestServer implements AutoCloseable {

    /** One request seen on an HTTP/2 stream inside Noise. */
    record StreamRequest(AuthenticatedMachine machine, String method, String path, byte[] body) {
    }

    final ServerNoiseKey serverKey;
    final BlockingQueue<StreamRequest> requests = new LinkedBlockingQueue<>();
    /** Paths of streams whose channel closed on the server side (the client went away or the exchange ended). */
    final BlockingQueue<String> closedStreams = new LinkedBlockingQueue<>();
    /** Messages {@code /machine/map-stream-test} sends before waiting (never ending the response). */
    static final List<String> STREAMED_MAP_MESSAGES = List.of(
            "{\"Node\":{\"ID\":1}}", "{\"PeersChangedPatch\":[{\"NodeID\":2,\"DERPRegion\":1}]}", "{\"KeepAlive\":true}");
    private final EventLoopGroup group = new NioEventLoopGroup(2);
    private final Channel listener;

    Ts2021TestServer(ServerNoiseKey serverKey) {
        this(serverKey, NoiseKeyPair::generate);
    }

    Ts2021TestServer(ServerNoiseKey serverKey, Supplier<NoiseKeyPair> ephemeralKeys) {
        this.serverKey = serverKey;
        ServerKeyEndpoint keyEndpoint = new ServerKeyEndpoint(serverKey);
        Ts2021Upgrade upgrade = new Ts2021Upgrade(serverKey, this::answerStream,
                CapabilityVersion.MINIMUM, ephemeralKeys);
        listener = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast("http", new HttpServerCodec());
                        ch.pipeline().addLast("http-aggregator", new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast("router", new SimpleChannelInboundHandler<FullHttpRequest>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                                String path = new QueryStringDecoder(request.uri()).path();
                                switch (path) {
                                    case ServerKeyEndpoint.PATH -> ctx.writeAndFlush(keyEndpoint.respond(request));
                                    case Ts2021Upgrade.PATH -> upgrade.install(ctx, request);
                                    default -> ctx.writeAndFlush(text(HttpResponseStatus.NOT_FOUND, "not found"))
                                            .addListener(ChannelFutureListener.CLOSE);
                                }
                            }
                        });
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0))
                .syncUninterruptibly()
                .channel();
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    private io.netty.channel.ChannelHandler answerStream(AuthenticatedMachine machine) {
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel stream) {
                stream.pipeline().addLast(new HttpObjectAggregator(1 << 20), new SimpleChannelInboundHandler<FullHttpRequest>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
                        byte[] body = ByteBufUtil.getBytes(request.content());
                        requests.add(new StreamRequest(machine, request.method().name(), request.uri(), body));
                        ctx.channel().closeFuture().addListener(closed -> closedStreams.add(request.uri()));
                        if (request.uri().equals("/machine/map-stream-test")) {
                            streamMapMessages(ctx);
                            return;
                        }
                        String answer = machine.machineKey().text() + " " + request.method() + " " + request.uri() + " ";
                        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                                Unpooled.wrappedBuffer(answer.getBytes(StandardCharsets.US_ASCII), body));
                        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
                        ctx.writeAndFlush(response);
                    }
                });
            }
        };
    }

    /** What a map poll looks like on the wire: headers, then framed messages, each flushed, no end. */
    private static void streamMapMessages(ChannelHandlerContext ctx) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/octet-stream");
        ctx.writeAndFlush(response);
        MapMessageEncoder encoder = new MapMessageEncoder();
        for (String json : STREAMED_MAP_MESSAGES) {
            ctx.writeAndFlush(new DefaultHttpContent(encoder.encode(ctx.alloc(), json.getBytes(StandardCharsets.UTF_8))));
        }
    }

    private static FullHttpResponse text(HttpResponseStatus status, String text) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
        return response;
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
