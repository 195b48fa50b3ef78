package dev.chronoscale.derp.standalone;

import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.mesh.RegionMesh;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.server.DerpServerConfig;
import dev.chronoscale.derp.server.HttpAdmissionVerifier;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;

/** A relay running on listeners of its own (the {@code chronoscale derp} command), with its optional mesh. */
public final class StandaloneRelay implements AutoCloseable {

    private final StandaloneDerpServer server;
    private final Optional<RegionMesh> mesh;

    private StandaloneRelay(StandaloneDerpServer server, Optional<RegionMesh> mesh) {
        this.server = server;
        this.mesh = mesh;
    }

    public static StandaloneRelay start(StandaloneRelayOptions options) throws Exception {
        DerpServerConfig config = DerpServerConfig.defaults(loadOrCreateKey(options.keyFile()));
        if (options.meshKeyFile().isPresent()) {
            config = config.withMeshKey(MeshKey.parse(Files.readString(options.meshKeyFile().get())));
        }
        if (options.verifyClientUrl().isPresent()) {
            config = config.withAdmission(new HttpAdmissionVerifier(options.verifyClientUrl().get(),
                    options.verifyClientFailOpen(), Duration.ofSeconds(5)));
        }
        StandaloneDerpServer.Listeners listeners = new StandaloneDerpServer.Listeners(options.listen(),
                options.tlsCertificate().isEmpty() ? Optional.empty()
                        : Optional.of(StandaloneDerpServer.tlsFromPem(options.tlsCertificate().get().toFile(),
                        options.tlsKey().orElseThrow().toFile())),
                options.stun(), options.plainHttp());
        StandaloneDerpServer server = StandaloneDerpServer.start(new DerpServer(config), listeners);
        Optional<RegionMesh> mesh = options.meshWith().isEmpty() ? Optional.empty()
                : Optional.of(RegionMesh.start(server.relay(), options.meshWith(), server.eventLoops(), false));
        return new StandaloneRelay(server, mesh);
    }

    /** One line saying where the relay listens, for the operator. */
    public String describe(boolean tls) {
        return "DERP relay " + server.relay().publicKey() + " on " + (tls ? "https" : "http")
                + "://" + text(server.httpAddress()) + "/derp"
                + server.plainHttpAddress().map(a -> ", plain http://" + text(a)).orElse("")
                + server.stunAddress().map(a -> ", STUN on udp " + text(a)).orElse("");
    }

    @Override
    public void close() {
        mesh.ifPresent(RegionMesh::close);
        server.close();
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    /** Reads the relay's identity, creating it owner-only (0600) on first use. */
    public static NodePrivateKey loadOrCreateKey(Path file) throws IOException {
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
}
