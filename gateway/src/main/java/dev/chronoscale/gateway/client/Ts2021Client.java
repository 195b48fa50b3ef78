package dev.chronoscale.gateway.client;

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
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Connects to a control server's {@code /ts2021} over plain TCP the way tailscaled does: the
 * Noise initiation rides in the upgrade request, the answer follows the 101, and the rest is
 * HTTP/2 inside Noise. Used by tests and by the load generator; it knows nothing of our server.
 */
public final class Ts2021Client {

    private final EventLoopGroup group;

    public Ts2021Client(EventLoopGroup group) {
        this.group = group;
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
