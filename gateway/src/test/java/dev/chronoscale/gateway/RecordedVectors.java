package dev.chronoscale.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/**
 * The traffic recorded between a real tailscale v1.82.5 client and Tailscale's test control
 * server, read in place from {@code shared/vectors} beside the repository.
 */
public final class RecordedVectors {

    private static JsonNode ts2021Session;
    private static JsonNode controlRequests;

    private RecordedVectors() {
    }

    public static synchronized JsonNode ts2021Session() {
        if (ts2021Session == null) {
            ts2021Session = load("ts2021-session.json");
        }
        return ts2021Session;
    }

    public static synchronized JsonNode controlRequests() {
        if (controlRequests == null) {
            controlRequests = load("control-requests.json");
        }
        return controlRequests;
    }

    /** vec-node-1's complete connection: handshake and every record. */
    public static JsonNode recordedSession() {
        return ts2021Session().get("sessions").get(0);
    }

    public static byte[] hex(JsonNode node) {
        return HexFormat.of().parseHex(node.asText());
    }

    private static JsonNode load(String name) {
        Path file = sharedVectors().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("missing recorded vectors " + file);
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
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
