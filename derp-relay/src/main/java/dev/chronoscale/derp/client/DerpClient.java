package dev.chronoscale.derp.client;

import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.frame.DerpFrame;
import dev.chronoscale.derp.frame.DerpFrameCodec;
import dev.chronoscale.derp.frame.SendPacket;
import dev.chronoscale.derp.frame.ServerInfo;
import dev.chronoscale.derp.frame.WebSocketDerpStream;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * A DERP client over Netty: plain HTTP, TLS, or WebSocket. Used by the benchmark, by mesh links between
 * relays, and by tests. {@link #connect} completes once the handshake (ServerKey, sealed ClientInfo,
 * ServerInfo) is done; frames then arrive at the {@link DerpClientListener} on the client's event loop.
 *
 * <p>Writes never block: {@link #send} queues in Netty's outbound buffer. Callers that produce faster
 * than the socket drains should check {@link #isWritable} and resume from {@link #whenWritable}.
 */
public final class DerpClient implements AutoCloseable {
    /** Tailscale's client gives up on a silent relay after the same 120 s. */
    static final int READ_TIMEOUT_SECONDS = 120;
    private final Channel channel;
    private final Queue<Runnable> writabilityCallbacks = new ConcurrentLinkedQueue<>();
    volatile NodePublicKey serverKey;
    volatile ServerInfo serverInfo;

    private DerpClient(Channel channel) {
        this.channel = channel;
    }

    public static CompletableFuture<DerpClient> connect(EventLoopGroup group, DerpClientOptions options,
            DerpClientListener listener) {
        CompletableFuture<DerpClient> connected = new CompletableFuture<>();
        SslContext ssl;
        try {
            ssl = options.tls() ? sslContext(options) : null;
        } catch (SSLException e) {
            connected.completeExceptionally(e);
            return connected;
        }
        DerpClient[] holder = new DerpClient[1];
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        DerpClient client = new DerpClient(ch);
                        holder[0] = client;
                        ChannelPipeline p = ch.pipeline();
                        if (ssl != null) {
                            p.addLast("tls", ssl.newHandler(ch.alloc(), options.url().getHost(), options.port()));
                        }
                        // The relay sends a keep-alive every 60 s; two missed means the path is dead.
                        p.addLast("read-timeout", new ReadTimeoutHandler(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS));
                        if (options.webSocket()) {
                            p.addLast("http", new HttpClientCodec());
                            p.addLast("http-aggregator", new HttpObjectAggregator(16 << 10));
                            p.addLast("ws-upgrade", new WebSocketUpgradeHandler(
                                    WebSocketClientHandshakerFactory.newHandshaker(webSocketUri(options),
                                            WebSocketVersion.V13, "derp", false, new DefaultHttpHeaders(),
                                            DerpFrameCodec.MAX_FRAME_LENGTH + DerpFrameCodec.HEADER_LENGTH)));
                            p.addLast("ws-stream", new WebSocketDerpStream());
                        } else {
                            p.addLast("upgrade", new UpgradeResponseDecoder());
                        }
                        p.addLast("derp-codec", new DerpFrameCodec());
                        p.addLast("derp-session", new DerpClientSession(client, options, listener, connected));
                    }
                });
        ChannelFuture connect = bootstrap.connect(options.url().getHost(), options.port());
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                connected.completeExceptionally(f.cause());
            } else if (!options.webSocket()) {
                String request = "GET " + options.path() + " HTTP/1.1\r\n"
                        + "Host: " + options.hostHeader() + "\r\n"
                        + "User-Agent: chronoscale-derp-client\r\n"
                        + "Connection: Upgrade\r\n"
                        + "Upgrade: DERP\r\n\r\n";
                // Written at the pipeline's head side of the DERP codec so it goes out raw (through TLS).
                connect.channel().pipeline().context("upgrade")
                        .writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.US_ASCII));
            }
        });
        connected.whenComplete((c, e) -> {
            if (e != null) {
                connect.channel().close();
            }
        });
        return connected;
    }

    private static SslContext sslContext(DerpClientOptions options) throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (options.insecureTls()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        }
        return builder.build();
    }

    private static URI webSocketUri(DerpClientOptions options) {
        URI u = options.url();
        return URI.create(u.getScheme() + "://" + options.hostHeader() + options.path());
    }

    /** Queues a packet for {@code destination}; call {@link #flush} after a batch (or use {@link #sendNow}). */
    public void send(NodePublicKey destination, byte[] packet) {
        channel.write(new SendPacket(destination, packet), channel.voidPromise());
    }

    public void sendNow(NodePublicKey destination, byte[] packet) {
        channel.writeAndFlush(new SendPacket(destination, packet), channel.voidPromise());
    }

    /** Any frame (mesh links send WatchConns and ForwardPacket; tests send raw frames). */
    public ChannelFuture sendFrame(DerpFrame frame) {
        return channel.writeAndFlush(frame);
    }

    /** Writes and flushes without a completion future (the hot path for forwarded packets). */
    public void sendFrameNow(DerpFrame frame) {
        channel.writeAndFlush(frame, channel.voidPromise());
    }

    public void flush() {
        channel.flush();
    }

    public boolean isWritable() {
        return channel.isWritable();
    }

    /** Runs {@code callback} once on the event loop when the socket is next writable (soon, if it is now). */
    public void whenWritable(Runnable callback) {
        if (!channel.eventLoop().inEventLoop()) {
            channel.eventLoop().execute(() -> whenWritable(callback));
        } else if (channel.isWritable()) {
            channel.eventLoop().execute(callback);
        } else {
            // Writability only changes on the event loop, so no wake-up can slip between check and add.
            writabilityCallbacks.add(callback);
        }
    }

    /** Runs the callbacks registered so far; ones they register again wait for the next change. */
    void runWritabilityCallbacks() {
        for (int n = writabilityCallbacks.size(); n > 0; n--) {
            Runnable r = writabilityCallbacks.poll();
            if (r == null) {
                return;
            }
            r.run();
        }
    }

    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    public NodePublicKey serverKey() {
        return serverKey;
    }

    public ServerInfo serverInfo() {
        return serverInfo;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public CompletableFuture<Void> closeFuture() {
        CompletableFuture<Void> f = new CompletableFuture<>();
        channel.closeFuture().addListener(x -> f.complete(null));
        return f;
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }
}
