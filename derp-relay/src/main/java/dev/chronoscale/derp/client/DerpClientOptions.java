package dev.chronoscale.derp.client;

import dev.chronoscale.derp.crypto.MeshKey;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * How to reach a relay and as whom.
 *
 * @param url         {@code http://host[:port]/derp} or {@code https://…/derp}; {@code ws://}/{@code wss://} select
 *                    the WebSocket transport. A URL without a path gets {@code /derp}.
 * @param insecureTls accept any certificate (tests, self-signed relays)
 * @param meshKey     present only for relays meshing with each other
 */
public record DerpClientOptions(
        URI url,
        NodePrivateKey key,
        Optional<MeshKey> meshKey,
        boolean insecureTls,
        Duration connectTimeout,
        boolean preferred) {

    public static DerpClientOptions of(URI url, NodePrivateKey key) {
        return new DerpClientOptions(url, key, Optional.empty(), false, Duration.ofSeconds(10), false);
    }

    public DerpClientOptions withMeshKey(MeshKey mesh) {
        return new DerpClientOptions(url, key, Optional.of(mesh), insecureTls, connectTimeout, preferred);
    }

    public DerpClientOptions withInsecureTls(boolean insecure) {
        return new DerpClientOptions(url, key, meshKey, insecure, connectTimeout, preferred);
    }

    public DerpClientOptions withPreferred(boolean home) {
        return new DerpClientOptions(url, key, meshKey, insecureTls, connectTimeout, home);
    }

    boolean tls() {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("https") || scheme.equals("wss");
    }

    boolean webSocket() {
        String scheme = url.getScheme().toLowerCase(java.util.Locale.ROOT);
        return scheme.equals("ws") || scheme.equals("wss");
    }

    int port() {
        return url.getPort() > 0 ? url.getPort() : tls() ? 443 : 80;
    }

    String path() {
        String p = url.getRawPath();
        return p == null || p.isEmpty() || p.equals("/") ? "/derp" : p;
    }

    /** Host header value: derper's clients send the bare host name (no port) for default ports. */
    String hostHeader() {
        return url.getPort() > 0 ? url.getHost() + ":" + url.getPort() : url.getHost();
    }
}
