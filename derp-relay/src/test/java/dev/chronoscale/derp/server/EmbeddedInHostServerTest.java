package dev.chronoscale.derp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.RecvPacket;
import dev.chronoscale.derp.testing.Eventually;
import dev.chronoscale.derp.testing.FrameRecorder;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The relay inside somebody else's Netty HTTP server on the same port (as the gateway will host it):
 * the host keeps its own routes and hands DERP requests to {@link DerpHttpService}.
 */
class EmbeddedInHostServerTest {
    private EventLoopGroup group;
    private Channel host;
    private DerpServer relay;

    /** A host application's router: its own page, and the relay's endpoints delegated. */
    private static final class HostRouter extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final DerpHttpService derp;

        HostRouter(DerpHttpService derp) {
            this.derp = derp;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            if (derp.handles(request)) {
                derp.serve(ctx, request);
                return;
            }
            var response = new DefaultFullHttpResponse(request.protocolVersion(), HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("hello from the host", StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @BeforeEach
    void start() throws Exception {
        group = new NioEventLoopGroup(2);
        relay = new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate()).withSendQueueDepth(1024));
        DerpHttpService derp = new DerpHttpService(relay);
        host = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("host-http", new HttpServerCodec());
                        ch.pipeline().addLast("host-keepalive", new HttpServerKeepAliveHandler());
                        ch.pipeline().addLast("host-aggregator", new HttpObjectAggregator(1 << 20));
                        ch.pipeline().addLast("host-router", new HostRouter(derp));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() {
        relay.close();
        host.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    @Test
    void hostRoutesAndDerpShareOnePort() throws Exception {
        int port = ((InetSocketAddress) host.localAddress()).getPort();
        HttpResponse<String> page = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hello")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("hello from the host");
        HttpResponse<String> probe = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/derp/probe")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(probe.statusCode()).isEqualTo(200);

        NodePrivateKey a = NodePrivateKey.generate();
        NodePrivateKey b = NodePrivateKey.generate();
        FrameRecorder atB = new FrameRecorder();
        FrameRecorder atA = new FrameRecorder();
        DerpClient clientA = DerpClient.connect(group,
                DerpClientOptions.of(URI.create("http://127.0.0.1:" + port + "/derp"), a), atA).get(10, TimeUnit.SECONDS);
        DerpClient clientB = DerpClient.connect(group,
                DerpClientOptions.of(URI.create("ws://127.0.0.1:" + port + "/derp"), b), atB).get(10, TimeUnit.SECONDS);
        Eventually.await("both registered", () -> relay.connectedNodeCount() == 2);
        clientA.sendNow(b.publicKey(), "through the host's port".getBytes());
        RecvPacket p = atB.next(RecvPacket.class);
        assertThat(p.source()).isEqualTo(a.publicKey());
        assertThat(new String(p.packet())).isEqualTo("through the host's port");
        clientB.sendNow(a.publicKey(), "and back over websocket".getBytes());
        assertThat(new String(atA.next(RecvPacket.class).packet())).isEqualTo("and back over websocket");
        clientA.close();
        clientB.close();
    }
}
