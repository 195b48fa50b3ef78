package dev.chronoscale.app.cli;

import dev.chronoscale.app.config.HostPort;
import dev.chronoscale.derp.standalone.StandaloneRelay;
import dev.chronoscale.derp.standalone.StandaloneRelayOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "derp", description = "Run a standalone DERP relay (and STUN server), e.g. in a region of its own.")
final class DerpCommand implements Callable<Integer> {

    static final class HostPortConverter implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            return HostPort.parse(value);
        }
    }

    @Option(names = "--listen", defaultValue = "0.0.0.0:3340", converter = HostPortConverter.class,
            description = "HTTP(S) listener for /derp (default ${DEFAULT-VALUE}).")
    InetSocketAddress listen;

    @Option(names = "--stun", converter = HostPortConverter.class, description = "STUN on UDP, e.g. 0.0.0.0:3478.")
    InetSocketAddress stun;

    @Option(names = "--plain-http", converter = HostPortConverter.class,
            description = "Extra plain-HTTP listener beside TLS, e.g. 0.0.0.0:80 for /generate_204.")
    InetSocketAddress plainHttp;

    @Option(names = "--key-file", defaultValue = "derp.key",
            description = "The relay's identity (privkey:<hex>); created 0600 when missing (default ${DEFAULT-VALUE}).")
    Path keyFile;

    @Option(names = "--tls-cert", description = "PEM certificate chain; with --tls-key serves HTTPS.")
    Path tlsCert;

    @Option(names = "--tls-key", description = "PEM private key for --tls-cert.")
    Path tlsKey;

    @Option(names = "--mesh-key-file", description = "64 hex characters shared by the relays of one region.")
    Path meshKeyFile;

    @Option(names = "--mesh-with", split = ",", description = "The other relays of the region, e.g. https://derp2.example.com/derp")
    List<URI> meshWith = List.of();

    @Option(names = "--verify-client-url", description = "Admission controller URL (derper/Headscale protocol).")
    URI verifyClientUrl;

    @Option(names = "--verify-client-url-fail-open", description = "Admit clients when the admission controller is unreachable.")
    boolean failOpen;

    @Override
    public Integer call() throws Exception {
        StandaloneRelayOptions options;
        try {
            options = new StandaloneRelayOptions(listen, Optional.ofNullable(stun), Optional.ofNullable(plainHttp), keyFile,
                    Optional.ofNullable(tlsCert), Optional.ofNullable(tlsKey), Optional.ofNullable(meshKeyFile), meshWith,
                    Optional.ofNullable(verifyClientUrl), failOpen);
        } catch (IllegalArgumentException e) {
            throw new CliFailure(e.getMessage());
        }
        StandaloneRelay relay = StandaloneRelay.start(options);
        System.out.println(relay.describe(tlsCert != null));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            relay.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }
}
