package dev.chronoscale.derp.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.crypto.NodePrivateKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The relay's key file: derper's format, private to its owner. */
class StandaloneRelayTest {

    @Test
    void keyFileIsCreatedOwnerOnlyAndReadBackAsTheSameKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("derp.key");
        NodePrivateKey created = StandaloneRelay.loadOrCreateKey(file);
        assertThat(Files.readString(file)).startsWith("privkey:").hasSize("privkey:".length() + 64 + 1);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(StandaloneRelay.loadOrCreateKey(file).publicKey()).isEqualTo(created.publicKey());
    }

    @Test
    void readsDerpersConfigKeyText(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("derp.key");
        String derperKey = "privkey:306a5fcdcfcf52e16cafae16254eacaa6333d3cb1e094e3ccfc1c98431330b46";
        Files.writeString(file, derperKey + "\n");
        assertThat(StandaloneRelay.loadOrCreateKey(file).publicKey().untypedHex())
                .isEqualTo("0aa2e49692a85ca83e991120ef38f2286c6a7c9f3d4fca2cbfc0bc9c971fb335");
    }
}
