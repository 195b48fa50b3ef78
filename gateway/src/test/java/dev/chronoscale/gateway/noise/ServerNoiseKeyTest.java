package dev.chronoscale.gateway.noise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.chronoscale.gateway.RecordedVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerNoiseKeyTest {

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyKeyFileOnFirstStartAndReadsItBack() throws IOException {
        Path file = dir.resolve("state/noise_private.key");

        ServerNoiseKey created = ServerNoiseKey.loadOrCreate(file);
        ServerNoiseKey loaded = ServerNoiseKey.loadOrCreate(file);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(file)).matches("privkey:[0-9a-f]{64}");
        assertThat(loaded.publicKey()).isEqualTo(created.publicKey());
        assertThat(created.publicKeyText()).matches("mkey:[0-9a-f]{64}");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void readsAHeadscaleStyleKeyFile() throws IOException {
        var server = RecordedVectors.ts2021Session().get("server");
        Path file = dir.resolve("noise_private.key");
        Files.writeString(file, "privkey:" + server.get("noise_static_private").asText() + "\n");

        assertThat(ServerNoiseKey.loadOrCreate(file).publicKeyText())
                .isEqualTo(server.get("noise_static_public_text").asText());
    }

    @Test
    void refusesAFileThatIsNotAKey() throws IOException {
        Path file = dir.resolve("noise_private.key");
        Files.writeString(file, "nodekey:1234");

        assertThatThrownBy(() -> ServerNoiseKey.loadOrCreate(file)).isInstanceOf(IOException.class);
        assertThat(Files.readString(file)).isEqualTo("nodekey:1234");
    }
}
