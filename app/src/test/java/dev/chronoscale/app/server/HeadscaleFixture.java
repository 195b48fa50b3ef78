package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The real Headscale 0.26.1 database of {@code shared/fixtures/headscale-0.26.1}, read in place from beside the
 * repository (as the recorded vectors are), with what Headscale listed before it stopped and the keys it handed out.
 */
final class HeadscaleFixture {

    private HeadscaleFixture() {
    }

    static Path dir() {
        String shared = System.getProperty("chronoscale.shared", "");
        if (!shared.isBlank() && !shared.contains("${")) {
            return existing(Path.of(shared).resolve("fixtures/headscale-0.26.1").toAbsolutePath().normalize());
        }
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/headscale-0.26.1");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures/headscale-0.26.1 in " + start + " or any folder above it"
                + " (or set -Dchronoscale.shared=DIR)");
    }

    private static Path existing(Path dir) {
        if (!Files.isRegularFile(dir.resolve("db.sqlite"))) {
            throw new IllegalStateException("no Headscale fixture at " + dir + "; the tests read it from beside the repository");
        }
        return dir;
    }

    /** A {@code headscale ... list -o json} listing saved beside the database. */
    static JsonNode listing(String file) throws IOException {
        return new ObjectMapper().readTree(dir().resolve(file).toFile());
    }

    /** {@code keys.env}: the full keys Headscale handed out (it stores only hashes or, before 0.28, plain pre-auth keys). */
    static Map<String, String> keys() throws IOException {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir().resolve("keys.env"))) {
            int equals = line.indexOf('=');
            if (equals > 0 && !line.startsWith("#")) {
                keys.put(line.substring(0, equals).trim(), line.substring(equals + 1).trim());
            }
        }
        return keys;
    }
}
