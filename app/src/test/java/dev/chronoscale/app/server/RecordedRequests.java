package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.function.Predicate;

/**
 * Request bodies exactly as a real tailscale v1.82.5 client (capability version 115) sent them, taken
 * from {@code shared/vectors/control-requests.json} beside the repository. Node 0 is vec-node-1,
 * node 1 vec-node-2.
 */
final class RecordedRequests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonNode sessions;

    private RecordedRequests(JsonNode sessions) {
        this.sessions = sessions;
    }

    static RecordedRequests load() {
        Path file = sharedVectors().resolve("control-requests.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing recorded vectors " + file);
        }
        try {
            return new RecordedRequests(JSON.readTree(file.toFile()).get("sessions"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** The node's first register request (with the recording's auth key). */
    String register(int node) {
        return first(node, "/machine/register", body -> true);
    }

    /** The node's first streaming map poll. */
    String mapStream(int node) {
        return first(node, "/machine/map", body -> body.path("Stream").asBoolean());
    }

    /** The node's first lite map update (no stream, no peers) that reports a home DERP region. */
    String liteUpdate(int node) {
        return first(node, "/machine/map", body -> !body.path("Stream").asBoolean() && body.path("OmitPeers").asBoolean()
                && body.path("Hostinfo").path("NetInfo").path("PreferredDERP").asInt() != 0);
    }

    private String first(int node, String path, Predicate<JsonNode> wanted) {
        for (JsonNode exchange : sessions.get(node).get("exchanges")) {
            JsonNode request = exchange.get("request");
            if (!request.get("path").asText().equals(path)) {
                continue;
            }
            String body = new String(HexFormat.of().parseHex(request.get("body_hex").asText()), StandardCharsets.UTF_8);
            try {
                if (wanted.test(JSON.readTree(body))) {
                    return body;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("recorded body of " + path + " is not JSON", e);
            }
        }
        throw new IllegalStateException("no such " + path + " request of node " + node + " in the recording");
    }

    /**
     * {@code shared/vectors}: under {@code -Dchronoscale.shared} (the build sets it to {@code ../shared}
     * from the repository root), else the first {@code shared/vectors} found walking up from the
     * working directory.
     */
    private static Path sharedVectors() {
        String shared = System.getProperty("chronoscale.shared", "");
        if (!shared.isBlank() && !shared.contains("${")) {
            Path dir = Path.of(shared).resolve("vectors").toAbsolutePath().normalize();
            if (!Files.isDirectory(dir)) {
                throw new IllegalStateException("no recorded vectors at " + dir + " (chronoscale.shared=" + shared
                        + "); the tests read shared/vectors from beside the repository");
            }
            return dir;
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/vectors in " + start + " or any folder above it; the tests read"
                + " the recorded vectors from beside the repository (or set -Dchronoscale.shared=DIR)");
    }
}
