package dev.chronoscale.derp.standalone;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How a standalone relay runs: its listeners, identity, TLS, region mesh and admission controller.
 * {@code tlsCertificate} and {@code tlsKey} are PEM files and come together.
 */
public record StandaloneRelayOptions(InetSocketAddress listen, Optional<InetSocketAddress> stun,
                                     Optional<InetSocketAddress> plainHttp, Path keyFile,
                                     Optional<Path> tlsCertificate, Optional<Path> tlsKey,
                                     Optional<Path> meshKeyFile, List<URI> meshWith,
                                     Optional<URI> verifyClientUrl, boolean verifyClientFailOpen) {

    public StandaloneRelayOptions {
        if (tlsCertificate.isPresent() != tlsKey.isPresent()) {
            throw new IllegalArgumentException("--tls-cert and --tls-key go together");
        }
        if (!meshWith.isEmpty() && meshKeyFile.isEmpty()) {
            throw new IllegalArgumentException("--mesh-with needs --mesh-key-file (the region's shared mesh key)");
        }
        meshWith = List.copyOf(meshWith);
    }
}
