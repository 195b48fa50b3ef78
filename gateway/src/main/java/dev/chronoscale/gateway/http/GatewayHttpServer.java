package dev.chronoscale.gateway.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.ReadTimeoutHandler;
import dev.chronoscale.gateway.tls.ServerCertificates;
import dev.chronoscale.gateway.tls.TlsHandshakeSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The public HTTP listener (one port for API, registration and, later, the Tailscale protocol) and the
 * local unix socket the CLI uses.
 */
public final class GatewayHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GatewayHttpServer.class);
    /** Requests larger than this are refused with 413 before any handler sees them. */
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;
    /** Idle HTTP/1 connections close after a while; a ts2021 connection drops this handler (map streams idle for long). */
    static final String READ_TIMEOUT = "read-timeout";
    static final String TLS = "tls";

    private final OperatorDispatch operator;
    private final Optional<TailscaleEndpoints> tailscale;
    private final List<ConnectionTakeover> takeovers;
    private final Optional<ServerCertificates> tls;
    private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
    private final EventLoopGroup tcpGroup = new NioEventLoopGroup();
    private EventLoopGroup unixGroup;
    private Channel tcpChannel;
    private Channel unixChannel;
    private Path unixSocket;

    public GatewayHttpServer(OperatorDispatch operator) {
        this(operator, Optional.empty());
    }

    /** With {@code tailscale}, the public port also serves {@code /key} and {@code /ts2021}. */
    public GatewayHttpServer(OperatorDispatch operator, Optional<TailscaleEndpoints> tailscale) {
        this(operator, tailscale, List.of());
    }

    /** {@code takeovers} (the embedded DERP relay) are asked first, on the public port only. */
    public GatewayHttpServer(OperatorDispatch operator, Optional<TailscaleEndpoints> tailscale,
                             List<ConnectionTakeover> takeovers) {
        this(operator, tailscale, takeovers, Optional.empty());
    }

    /** With {@code tls}, the public port speaks only TLS, each connection with the certificate current when it opens. */
    public GatewayHttpServer(OperatorDispatch operator, Optional<TailscaleEndpoints> tailscale,
                             List<ConnectionTakeover> takeovers, Optional<ServerCertificates> tls) {
        this.operator = operator;
        this.tailscale = tailscale;
        this.takeovers = List.copyOf(takeovers);
        this.tls = tls;
    }

    public InetSocketAddress listen(InetSocketAddress address) throws InterruptedException {
        tcpChannel = new ServerBootstrap().group(tcpGroup).channel(NioServerSocketChannel.class)
                .childHandler(pipeline(tailscale, takeovers, tls)).bind(address).sync().channel();
        InetSocketAddress bound = (InetSocketAddress) tcpChannel.localAddress();
        LOG.info("listening on {}://{}:{}", tls.isPresent() ? "https" : "http", bound.getHostString(), bound.getPort());
        return bound;
    }

    /** Serves the same operator dispatch on a unix socket created with the given permissions (e.g. 0770). */
    public void listenLocal(Path socket, Set<PosixFilePermission> permissions) throws InterruptedException, IOException {
        if (!Epoll.isAvailable()) {
            LOG.warn("unix socket {} not opened: native epoll is unavailable on this platform ({}); use --api-key with --address",
                    socket, Optional.ofNullable(Epoll.unavailabilityCause()).map(Throwable::getMessage).orElse("unknown"));
            return;
        }
        Files.createDirectories(socket.toAbsolutePath().getParent());
        Files.deleteIfExists(socket);
        unixGroup = new EpollEventLoopGroup(1);
        unixChannel = new ServerBootstrap().group(unixGroup).channel(EpollServerDomainSocketChannel.class)
                .childHandler(pipeline(Optional.empty(), List.of(), Optional.empty())).bind(new DomainSocketAddress(socket.toFile())).sync().channel();
        Files.setPosixFilePermissions(socket, permissions);
        unixSocket = socket;
        LOG.info("CLI socket at {}", socket);
    }

    private ChannelInitializer<Channel> pipeline(Optional<TailscaleEndpoints> clients, List<ConnectionTakeover> takeovers,
                                                 Optional<ServerCertificates> certificates) {
        return new ChannelInitializer<>() {
            @Override
            protected void initChannel(Channel channel) {
                channel.pipeline().addLast(READ_TIMEOUT, new ReadTimeoutHandler(300));
                // TLS stays first when ts2021 or DERP take the connection over: they drop what follows the HTTP codec.
                certificates.ifPresent(source -> channel.pipeline().addLast(TLS, new TlsHandshakeSelector(source)));
                channel.pipeline()
                        .addLast("http", new HttpServerCodec())
                        .addLast("aggregate", new HttpObjectAggregator(MAX_REQUEST_BYTES))
                        .addLast("dispatch", new HttpDispatchHandler(operator, workers, clients, takeovers));
            }
        };
    }

    @Override
    public void close() {
        if (tcpChannel != null) {
            tcpChannel.close().syncUninterruptibly();
        }
        if (unixChannel != null) {
            unixChannel.close().syncUninterruptibly();
            try {
                Files.deleteIfExists(unixSocket);
            } catch (IOException ignored) {
                // the socket file is recreated on the next start
            }
        }
        tcpGroup.shutdownGracefully().syncUninterruptibly();
        if (unixGroup != null) {
            unixGroup.shutdownGracefully().syncUninterruptibly();
        }
        workers.shutdown();
    }
}
