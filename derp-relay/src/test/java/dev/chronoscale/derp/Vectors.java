package dev.chronoscale.derp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Loads the recorded Tailscale vectors, read in place from {@code shared/vectors} beside the repository. */
public final class Vectors {
    private Vectors() {}

    /** @param name a file of {@code shared/vectors}, e.g. {@code derp-session.json} */
    public static JsonNode load(String name) {
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

    public static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    public static byte[] hex(JsonNode node) {
        return hex(node.asText());
    }

    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
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
