package dev.chronoscale.derp.standalone;

import dev.chronoscale.derp.net.NettyTransport;
import dev.chronoscale.derp.server.DerpHttpService;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.stun.StunServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.File;
import java.net.InetSocketAddress;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * The relay on its own listener: HTTP (or HTTPS) for {@code /derp} and the probe endpoints, plus an
 * optional STUN socket. For the relay inside another HTTP server, use {@link DerpHttpService} instead.
 *
 * <pre>
 * var relay = new DerpServer(DerpServerConfig.defaults(NodePrivateKey.parse(keyText)));
 * var running = StandaloneDerpServer.start(relay, new StandaloneDerpServer.Listeners(
 *         new InetSocketAddress(443), Optional.of(StandaloneDerpServer.tlsFromPem(cert, key)),
 *         Optional.of(new InetSocketAddress(3478))));
 * </pre>
 */
public final class StandaloneDerpServer implements AutoCloseable {

    /**
     * Where to listen. {@code tls} empty means {@code http} is plain HTTP; {@code stun} empty means no STUN;
     * {@code plainHttp} is an extra plain listener next to a TLS one (derper's {@code -http-port}, usually
     * port 80, for captive-portal checks at {@code http://<IPv4>/generate_204}).
     */
    public record Listeners(InetSocketAddress http, Optional<SslContext> tls, Optional<InetSocketAddress> stun,
            Optional<InetSocketAddress> plainHttp) {
        public Listeners(InetSocketAddress http, Optional<SslContext> tls, Optional<InetSocketAddress> stun) {
            this(http, tls, stun, Optional.empty());
        }

        public static Listeners plain(InetSocketAddress http) {
            return new Listeners(http, Optional.empty(), Optional.empty(), Optional.empty());
        }
    }

    private final DerpServer relay;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel httpChannel;
    private final Optional<Channel> plainHttpChannel;
    private final Optional<Channel> stunChannel;

    private StandaloneDerpServer(DerpServer relay, EventLoopGroup boss, EventLoopGroup workers, Channel http,
            Optional<Channel> plainHttp, Optional<Channel> stun) {
        this.relay = relay;
        this.boss = boss;
        this.workers = workers;
        this.httpChannel = http;
        this.plainHttpChannel = plainHttp;
        this.stunChannel = stun;
    }

    public static StandaloneDerpServer start(DerpServer relay, Listeners listeners) throws InterruptedException {
        EventLoopGroup boss = NettyTransport.eventLoops(1);
        EventLoopGroup workers = NettyTransport.eventLoops(0);
        try {
            DerpHttpService service = new DerpHttpService(relay);
            Channel http = bindHttp(boss, workers, service, listeners.tls(), listeners.http());
            Optional<Channel> plainHttp = Optional.empty();
            if (listeners.plainHttp().isPresent()) {
                plainHttp = Optional.of(bindHttp(boss, workers, service, Optional.empty(), listeners.plainHttp().get()));
            }
            Optional<Channel> stun = Optional.empty();
            if (listeners.stun().isPresent()) {
                stun = Optional.of(new StunServer().bind(workers, listeners.stun().get()));
            }
            return new StandaloneDerpServer(relay, boss, workers, http, plainHttp, stun);
        } catch (InterruptedException | RuntimeException e) {
            boss.shutdownGracefully();
            workers.shutdownGracefully();
            throw e;
        }
    }

    private static Channel bindHttp(EventLoopGroup boss, EventLoopGroup workers, DerpHttpService service,
            Optional<SslContext> tls, InetSocketAddress address) throws InterruptedException {
        return new ServerBootstrap().group(boss, workers).channel(NettyTransport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        tls.ifPresent(ssl -> p.addLast("tls", ssl.newHandler(ch.alloc())));
                        p.addLast("http", new HttpServerCodec());
                        p.addLast("derp-http", new StandaloneHttpHandler(service));
                    }
                })
                .bind(address).sync().channel();
    }

    /** A server TLS context from PEM files (certificate chain, PKCS#8 key). No ALPN: DERP is HTTP/1.1. */
    public static SslContext tlsFromPem(File certificateChain, File privateKey) throws SSLException {
        return SslContextBuilder.forServer(certificateChain, privateKey).build();
    }

    public DerpServer relay() {
        return relay;
    }

    public InetSocketAddress httpAddress() {
        return (InetSocketAddress) httpChannel.localAddress();
    }

    public Optional<InetSocketAddress> plainHttpAddress() {
        return plainHttpChannel.map(c -> (InetSocketAddress) c.localAddress());
    }

    public Optional<InetSocketAddress> stunAddress() {
        return stunChannel.map(c -> (InetSocketAddress) c.localAddress());
    }

    /** The worker threads, for mesh links and tests that want to share them. */
    public EventLoopGroup eventLoops() {
        return workers;
    }

    @Override
    public void close() {
        httpChannel.close().syncUninterruptibly();
        plainHttpChannel.ifPresent(c -> c.close().syncUninterruptibly());
        stunChannel.ifPresent(c -> c.close().syncUninterruptibly());
        relay.close();
        boss.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
