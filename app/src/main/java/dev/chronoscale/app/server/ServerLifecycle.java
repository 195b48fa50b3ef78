package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.gateway.http.OperatorDispatch;
import dev.chronoscale.gateway.http.GatewayHttpServer;
import dev.chronoscale.gateway.http.TailscaleEndpoints;
import org.springframework.context.SmartLifecycle;

import java.net.InetSocketAddress;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** Opens the listeners once everything else has started (processors last, listeners after them). */
public final class ServerLifecycle implements SmartLifecycle {

    private final ChronoscaleConfig config;
    private final OperatorDispatch operator;
    private final TailscaleEndpoints tailscale;
    private GatewayHttpServer server;
    private ListenerTls tls;
    private final GatewayHttpServer metricsServer;
    private final DerpSetup derp;
    private final StartupConfiguration startup;
    private volatile boolean running;
    private volatile InetSocketAddress boundAddress;
    private volatile InetSocketAddress metricsAddress;

    ServerLifecycle(ChronoscaleConfig config, OperatorDispatch operator, StartupConfiguration startup,
                    MetricsConfiguration.MetricsRoutes metrics, TailscaleEndpoints tailscale, DerpSetup derp) {
        this.config = config;
        this.derp = derp;
        this.operator = operator;
        this.tailscale = tailscale;
        this.metricsServer = new GatewayHttpServer(request -> metrics.router().serve(request, null), Optional.empty());
        this.startup = startup;
    }

    @Override
    public void start() {
        startup.apply();
        tls = ListenerTls.open(config);
        server = new GatewayHttpServer(operator, Optional.of(tailscale), derp.takeovers(), tls.certificates());
        boundAddress = open("listen_addr " + text(config.listenAddr()), () -> server.listen(config.listenAddr()));
        if (config.tls() instanceof ChronoscaleConfig.Tls.Acme acme) {
            open("tls_letsencrypt_listen " + text(acme.http01Listen()), () -> {
                tls.startIssuing();
                return null;
            });
        }
        for (EmbeddedRelay relay : derp.embedded().stream().toList()) {
            open("derp.server.stun_listen_addr " + config.derp().stunListenAddr(), () -> {
                relay.start();
                return null;
            });
        }
        if (config.metricsListenAddr().isPresent()) {
            metricsAddress = open("metrics_listen_addr " + text(config.metricsListenAddr().get()),
                    () -> metricsServer.listen(config.metricsListenAddr().get()));
        }
        if (config.unixSocket().isPresent()) {
            open("unix_socket " + config.unixSocket().get(), () -> {
                server.listenLocal(config.unixSocket().get(), permissions(config.unixSocketPermission()));
                return null;
            });
        }
        running = true;
    }

    private static String text(InetSocketAddress address) {
        return address.getHostString() + ":" + address.getPort();
    }

    @FunctionalInterface
    private interface Opener<T> {
        T open() throws Exception;
    }

    /** Opens one listener; a port in use or a path not writable becomes one line naming the setting. */
    private static <T> T open(String what, Opener<T> opener) {
        try {
            return opener.open();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupFailure("interrupted while opening " + what, e);
        } catch (Exception e) {
            throw new StartupFailure("cannot open " + what + ": " + e.getMessage(), e);
        }
    }

    /** The address actually bound (useful when the configured port is 0). */
    public InetSocketAddress boundAddress() {
        return boundAddress;
    }

    /** The metrics listener's address, when one is configured. */
    public java.util.Optional<InetSocketAddress> metricsAddress() {
        return java.util.Optional.ofNullable(metricsAddress);
    }

    static Set<PosixFilePermission> permissions(String octal) {
        int mode = Integer.parseInt(octal, 8);
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
                PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
                PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((mode & (1 << bit)) != 0) {
                result.add(order[bit]);
            }
        }
        return result;
    }

    /** The listener's TLS, for tests that renew or replace its certificate. */
    ListenerTls tls() {
        return tls;
    }

    @Override
    public void stop() {
        if (tls != null) {
            tls.close();
        }
        if (server != null) {
            server.close();
        }
        metricsServer.close();
        derp.embedded().ifPresent(EmbeddedRelay::close);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE - 100;
    }
}
