package dev.chronoscale.derp.server;

import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.mesh.RegionMesh;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a standalone relay from command-line flags (the app's {@code chronoscale derp} delegates here):
 *
 * <pre>
 * --listen HOST:PORT        HTTP(S) listener for /derp (default 0.0.0.0:3340)
 * --stun HOST:PORT          STUN on UDP (e.g. 0.0.0.0:3478); omitted: no STUN
 * --plain-http HOST:PORT    extra plain-HTTP listener beside TLS (e.g. 0.0.0.0:80 for /generate_204)
 * --key-file PATH           relay identity, "privkey:<hex>"; created (mode 0600) when missing (default derp.key)
 * --tls-cert PEM --tls-key PEM   serve HTTPS
 * --mesh-key-file PATH      64 hex characters shared by the relays of one region
 * --mesh-with URL,URL       the other relays of the region, e.g. https://derp2.example.com/derp
 * --verify-client-url URL   admission controller (derper/Headscale protocol); --verify-client-url-fail-open
 * </pre>
 */
public final class StandaloneDerpMain {
    private StandaloneDerpMain() {}

    public static void main(String[] args) throws Exception {
        InetSocketAddress listen = new InetSocketAddress("0.0.0.0", 3340);
        Optional<InetSocketAddress> stun = Optional.empty();
        Optional<InetSocketAddress> plainHttp = Optional.empty();
        Path keyFile = Path.of("derp.key");
        String tlsCert = null;
        String tlsKey = null;
        Path meshKeyFile = null;
        List<URI> meshWith = new ArrayList<>();
        URI verifyUrl = null;
        boolean failOpen = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--listen" -> listen = hostPort(args[++i]);
                case "--stun" -> stun = Optional.of(hostPort(args[++i]));
                case "--plain-http" -> plainHttp = Optional.of(hostPort(args[++i]));
                case "--key-file" -> keyFile = Path.of(args[++i]);
                case "--tls-cert" -> tlsCert = args[++i];
                case "--tls-key" -> tlsKey = args[++i];
                case "--mesh-key-file" -> meshKeyFile = Path.of(args[++i]);
                case "--mesh-with" -> {
                    for (String u : args[++i].split(",")) {
                        meshWith.add(URI.create(u.trim()));
                    }
                }
                case "--verify-client-url" -> verifyUrl = URI.create(args[++i]);
                case "--verify-client-url-fail-open" -> failOpen = true;
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        DerpServerConfig config = DerpServerConfig.defaults(loadOrCreateKey(keyFile));
        if (meshKeyFile != null) {
            config = config.withMeshKey(MeshKey.parse(Files.readString(meshKeyFile)));
        }
        if (verifyUrl != null) {
            config = config.withAdmission(new HttpAdmissionVerifier(verifyUrl, failOpen, Duration.ofSeconds(5)));
        }
        StandaloneDerpServer.Listeners listeners = new StandaloneDerpServer.Listeners(listen,
                tlsCert == null ? Optional.empty()
                        : Optional.of(StandaloneDerpServer.tlsFromPem(new File(tlsCert), new File(tlsKey))),
                stun, plainHttp);
        StandaloneDerpServer server = StandaloneDerpServer.start(new DerpServer(config), listeners);
        RegionMesh mesh = meshWith.isEmpty() ? null
                : RegionMesh.start(server.relay(), meshWith, server.eventLoops(), false);
        System.out.println("DERP relay " + server.relay().publicKey() + " on " + (tlsCert == null ? "http" : "https")
                + "://" + text(server.httpAddress()) + "/derp"
                + server.plainHttpAddress().map(a -> ", plain http://" + text(a)).orElse("")
                + server.stunAddress().map(a -> ", STUN on udp " + text(a)).orElse(""));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (mesh != null) {
                mesh.close();
            }
            server.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    static NodePrivateKey loadOrCreateKey(Path file) throws IOException {
        if (Files.exists(file)) {
            return NodePrivateKey.parse(Files.readString(file));
        }
        NodePrivateKey key = NodePrivateKey.generate();
        try {
            // Created owner-only from the start: the key is never readable by others, not even briefly.
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, key.toText() + "\n");
        return key;
    }

    static InetSocketAddress hostPort(String text) {
        int colon = text.lastIndexOf(':');
        String host = colon <= 0 ? "0.0.0.0" : text.substring(0, colon).replace("[", "").replace("]", "");
        return new InetSocketAddress(host, Integer.parseInt(text.substring(colon + 1)));
    }
}
