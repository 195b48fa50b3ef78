package dev.chronoscale.tools.client;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.gateway.noise.NoiseHandshake;
import dev.chronoscale.gateway.noise.NoiseHandshakeException;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import dev.chronoscale.gateway.noise.NoiseSession;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLException;

/**
 * Connects to a control server's {@code /ts2021} the way tailscaled does: the
 * Noise initiation rides in the upgrade request, the answer follows the 101, and the rest is
 * HTTP/2 inside Noise. Used by tests and by the load generator; it knows nothing of our server.
 */
public final class Ts2021Client {

    private final EventLoopGroup group;
    private final Optional<SslContext> tls;

    /** Plain TCP, as tailscaled dials {@code http://} login servers. */
    public Ts2021Client(EventLoopGroup group) {
        this(group, Optional.empty());
    }

    private Ts2021Client(EventLoopGroup group, Optional<SslContext> tls) {
        this.group = group;
        this.tls = tls;
    }

    /**
     * TLS without certificate verification, as tailscaled dials {@code /ts2021} on 443: the Noise
     * handshake against the key from {@code /key} is what authenticates the server.
     */
    public static Ts2021Client overUnverifiedTls(EventLoopGroup group) {
        try {
            return new Ts2021Client(group, Optional.of(SslContextBuilder.forClient()
                    .trustManager(InsecureTrustManagerFactory.INSTANCE)
                    .applicationProtocolConfig(ApplicationProtocolConfig.DISABLED) // no ALPN: HTTP/1.1 upgrade
                    .build()));
        } catch (SSLException e) {
            throw new IllegalStateException("no TLS client available", e);
        }
    }

    /**
     * @param machineKey      this client's static key (its identity)
     * @param serverKey       the server's Noise key, as {@code /key} published it
     * @param protocolVersion the capability version to claim (mixed into the Noise prologue)
     */
    public CompletableFuture<Ts2021Connection> connect(InetSocketAddress server, NoiseKeyPair machineKey,
                                                       MachinePublicKey serverKey, int protocolVersion) {
        NoiseHandshake.Initiator initiator;
        try {
            initiator = NoiseHandshake.initiate(machineKey, serverKey, protocolVersion, NoiseKeyPair.generate());
        } catch (NoiseHandshakeException e) {
            return CompletableFuture.failedFuture(new Ts2021HandshakeFailedException("bad server key", e));
        }
        CompletableFuture<NoiseSession> handshake = new CompletableFuture<>();
        CompletableFuture<Optional<String>> earlyPayload = new CompletableFuture<>();
        String host = server.getHostString() + ":" + server.getPort();
        CompletableFuture<Ts2021Connection> connection = new CompletableFuture<>();
        Channel channel = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        tls.ifPresent(context -> ch.pipeline().addLast("tls",
                                context.newHandler(ch.alloc(), server.getHostString(), server.getPort())));
                        ch.pipeline().addLast("ts2021-upgrade", new UpgradeResponseHandler(host, initiator, handshake, earlyPayload));
                    }
                })
                .connect(server)
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        handshake.completeExceptionally(f.cause());
                    }
                })
                .channel();
        handshake.whenComplete((session, failure) -> {
            if (failure != null) {
                channel.close();
                connection.completeExceptionally(failure);
            } else {
                connection.complete(new Ts2021Connection(channel, session, earlyPayload));
            }
        });
        return connection;
    }
}
