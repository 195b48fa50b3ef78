package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an import cannot carry refuses it before anything is written, unless the operator leaves it behind: a copy
 * of the real Headscale 0.26.1 database in which one node has an address outside the configured prefix and another
 * one Tailscale reserves for MagicDNS, and a third asked for a tag itself, which is carried as a note.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HeadscaleImportRefusalsTest {

    private Path dir;
    private RunningServer server;
    private String source;

    @BeforeAll
    void startWithADamagedCopyOfTheFixture() throws Exception {
        dir = Files.createTempDirectory("chronoscale-import-refusals");
        Path copy = dir.resolve("headscale.sqlite");
        Files.copy(HeadscaleFixture.dir().resolve("db.sqlite"), copy);
        copy.toFile().setWritable(true);
        try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + copy); Statement sql = db.createStatement()) {
            sql.executeUpdate("UPDATE nodes SET ipv4 = '10.9.0.4' WHERE id = 2");
            sql.executeUpdate("UPDATE nodes SET ipv6 = 'fd7a:115c:a1e0::53' WHERE id = 3");
            sql.executeUpdate("UPDATE nodes SET host_info = json_set(host_info, '$.RequestTags', json('[\"tag:laptop\"]'))"
                    + " WHERE id = 1");
        }
        source = "sqlite:" + copy;
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\n");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void eachThingThatCannotBeCarriedIsListedAndRefusesTheImportUntilLeftBehind() throws Exception {
        CliRun dryRun = server.cli("import", "headscale", "--from", source, "--dry-run", "-o", "json");
        JsonNode outcome = HeadscaleImportContract.JSON.readTree(dryRun.out());
        List<String> notCarried = new ArrayList<>();
        outcome.get("notCarried").forEach(item -> notCarried.add(item.asText()));
        assertThat(notCarried).containsExactly(
                "node 2 'bobs-mac' (its device would have to log in again): address 10.9.0.4 is outside prefixes.v4"
                        + " (100.64.0.0/10); configure prefixes.v4 to include it",
                "node 3 'db-server' (its device would have to log in again): address fd7a:115c:a1e0::53 is not a usable"
                        + " host address of fd7a:115c:a1e0::/48");
        assertThat(outcome.get("refusals").toString()).contains("2 thing(s) cannot be carried");
        // Carried with a difference, which does not refuse the import: a tag alice-laptop asked for itself.
        assertThat(outcome.get("notes")).hasSize(1);
        assertThat(outcome.get("notes").get(0).asText()).startsWith("node 1 'alice-laptop': the tags its client requested,"
                + " tag:laptop,").endsWith("give them with nodes tag -i 1 -t tag:laptop");

        CliRun refused = server.cli("import", "headscale", "--from", source);
        assertThat(refused.status()).isNotZero();
        assertThat(refused.out()).contains("Cannot be carried:").contains("Carried with a difference:").contains("Refused:");
        assertThat(HeadscaleImportContract.JSON.readTree(server.cli("users", "list", "-o", "json").out())).isEmpty();
        assertThat(HeadscaleImportContract.JSON.readTree(server.cli("nodes", "list", "-o", "json").out())).isEmpty();

        CliRun leftBehind = server.cli("import", "headscale", "--from", source, "--leave-behind");
        assertThat(leftBehind.status()).as(leftBehind.err()).isZero();
        assertThat(leftBehind.out()).contains("3 users, 1 nodes,");
        JsonNode nodes = HeadscaleImportContract.JSON.readTree(server.cli("nodes", "list", "-o", "json").out());
        assertThat(nodes).hasSize(1);
        assertThat(nodes.get(0).get("given_name").asText()).isEqualTo("alice-laptop");
    }
}
