package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.app.config.ConfigException;
import dev.chronoscale.app.config.HostPort;
import dev.chronoscale.derp.crypto.NodePublicKey;
import dev.chronoscale.derp.net.NettyTransport;
import dev.chronoscale.derp.server.AdmissionDecision;
import dev.chronoscale.derp.server.ClientAdmission;
import dev.chronoscale.derp.server.DerpHttpService;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.server.DerpServerConfig;
import dev.chronoscale.derp.standalone.StandaloneRelay;
import dev.chronoscale.derp.stun.StunServer;
import dev.chronoscale.gateway.http.ConnectionTakeover;
import dev.chronoscale.gateway.relay.RelayAdmission;
import dev.chronoscale.tailcfg.DerpMap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpRequest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The DERP relay inside {@code chronoscale serve} ({@code derp.server.enabled}): {@code /derp} on the
 * public port, STUN on {@code derp.server.stun_listen_addr}, and a region in the DERP map that
 * clients receive. With {@code verify_clients}, only registered nodes with unexpired keys get in.
 */
public final class EmbeddedRelay implements ConnectionTakeover, AutoCloseable {

    private static final java.util.concurrent.Executor ADMISSION_LOOKUPS =
            java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    private final DerpHttpService http;
    private final InetSocketAddress stunAddress;
    private final DerpMap.Region region;
    private final EventLoopGroup stunGroup = NettyTransport.eventLoops(1);
    private Channel stunChannel;

    private EmbeddedRelay(DerpHttpService http, InetSocketAddress stunAddress, DerpMap.Region region) {
        this.http = http;
        this.stunAddress = stunAddress;
        this.region = region;
    }

    static Optional<EmbeddedRelay> from(ChronoscaleConfig config, RelayAdmission admission) {
        ChronoscaleConfig.Derp derp = config.derp();
        if (!derp.serverEnabled()) {
            return Optional.empty();
        }
        InetSocketAddress stun;
        try {
            stun = HostPort.parse(derp.stunListenAddr());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("derp.server.stun_listen_addr", e.getMessage());
        }
        DerpServerConfig relayConfig;
        try {
            relayConfig = DerpServerConfig.defaults(StandaloneRelay.loadOrCreateKey(derp.privateKeyPath()));
        } catch (IOException | IllegalArgumentException e) {
            throw new ConfigException("derp.server.private_key_path", "cannot read or create " + derp.privateKeyPath()
                    + ": " + e.getMessage());
        }
        if (derp.verifyClients()) {
            relayConfig = relayConfig.withAdmission(admissionFrom(admission));
        }
        return Optional.of(new EmbeddedRelay(new DerpHttpService(new DerpServer(relayConfig)), stun,
                region(config, stun.getPort())));
    }

    private static ClientAdmission admissionFrom(RelayAdmission admission) {
        // The inventory lookup is a database query: keep it off the relay's event loop.
        return (NodePublicKey node, java.net.InetAddress source) -> CompletableFuture.supplyAsync(() ->
                admission.admits(node.toString()) ? AdmissionDecision.allow()
                        : AdmissionDecision.deny("not a registered node of this tailnet, or its key has expired"),
                ADMISSION_LOOKUPS);
    }

    /** The region clients are told about: the host and port of {@code server_url}, and the STUN port. */
    static DerpMap.Region region(ChronoscaleConfig config, int stunPort) {
        URI url = URI.create(config.serverUrl());
        int port = url.getPort() > 0 ? url.getPort() : url.getScheme().equals("https") ? 443 : 80;
        ChronoscaleConfig.Derp derp = config.derp();
        DerpMap.DerpNode node = new DerpMap.DerpNode(derp.regionId() + "a", derp.regionId(), url.getHost(),
                null, null, stunPort, null, port, null);
        return new DerpMap.Region(derp.regionId(), derp.regionCode(), derp.regionName(), List.of(node));
    }

    /** {@code map} with this relay's region added (replacing a region of the same id). */
    public DerpMap addTo(DerpMap map) {
        return map.merge(new DerpMap(Map.of(Integer.toString(region.regionId()), region)));
    }

    void start() throws InterruptedException {
        stunChannel = new StunServer().bind(stunGroup, stunAddress);
    }

    public Optional<InetSocketAddress> stunAddress() {
        return Optional.ofNullable(stunChannel).map(c -> (InetSocketAddress) c.localAddress());
    }

    @Override
    public boolean handles(HttpRequest request) {
        return http.handles(request);
    }

    @Override
    public void serve(ChannelHandlerContext ctx, HttpRequest request) {
        http.serve(ctx, request);
    }

    @Override
    public void close() {
        if (stunChannel != null) {
            stunChannel.close().syncUninterruptibly();
        }
        stunGroup.shutdownGracefully().syncUninterruptibly();
    }
}
