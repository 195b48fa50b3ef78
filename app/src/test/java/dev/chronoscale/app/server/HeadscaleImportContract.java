package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A real Headscale 0.26.1 database (made with stock Tailscale 1.82.5 clients, in {@code shared/fixtures}) imported
 * through the CLI into a new server that keeps Headscale's Noise key: what {@code headscale ... list -o json}
 * showed before Headscale stopped is what Chronoscale lists, the keys Headscale handed out still work (and the
 * spent and expired ones still do not), and a client reconnects with the machine key it kept in its state and is
 * served its old address with no login. Subclasses give the database the import goes into and the one it reads.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class HeadscaleImportContract {

    static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private Map<String, String> keys;
    private CliRun imported;

    /** The {@code database:} section of the server's config file. */
    abstract String databaseYaml();

    /** The {@code --from} of the import: the fixture's SQLite file, or the same data in PostgreSQL. */
    abstract String source(Path fixture) throws Exception;

    @BeforeAll
    void startEmptyServerWithHeadscalesKey() throws Exception {
        dir = Files.createTempDirectory("chronoscale-import");
        Path noiseKey = dir.resolve("noise_private.key");
        Files.copy(HeadscaleFixture.dir().resolve("noise_private.key"), noiseKey);
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\nnoise:\n  private_key_path: " + noiseKey + "\n" + databaseYaml());
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        keys = HeadscaleFixture.keys();
    }

    /** Also called by the PostgreSQL subclasses first, so that the server stops while its database is still up. */
    @AfterAll
    void stop() {
        if (clients != null) {
            clients.close();
            clients = null;
        }
        if (server != null) {
            server.close();
            server = null;
        }
    }

    @Test
    @Order(1)
    void aDryRunReportsWhatWouldBeImportedAndChangesNothing() throws Exception {
        CliRun dryRun = server.cli("import", "headscale", "--from", source(HeadscaleFixture.dir()), "--dry-run", "-o", "json");
        assertThat(dryRun.status()).as(dryRun.err()).isZero();
        JsonNode outcome = JSON.readTree(dryRun.out());
        assertThat(outcome.get("applied").asBoolean()).isFalse();
        assertThat(outcome.get("sourceSchema").asText()).isEqualTo("202505141324");
        assertThat(List.of(outcome.get("users").asInt(), outcome.get("nodes").asInt(), outcome.get("preAuthKeys").asInt(),
                outcome.get("apiKeys").asInt())).containsExactly(3, 3, 6, 1);
        assertThat(outcome.get("policy").asBoolean()).isTrue();
        assertThat(outcome.get("notCarried")).isEmpty();
        assertThat(JSON.readTree(server.cli("users", "list", "-o", "json").out())).isEmpty();
        assertThat(JSON.readTree(server.cli("nodes", "list", "-o", "json").out())).isEmpty();
    }

    @Test
    @Order(2)
    void theImportCarriesWhatHeadscaleListed() throws Exception {
        imported = server.cli("import", "headscale", "--from", source(HeadscaleFixture.dir()), "--reason", "CHG-7 move off Headscale");
        assertThat(imported.status()).as(imported.err()).isZero();
        assertThat(imported.out()).startsWith("Imported from headscale ")
                .contains("3 users, 3 nodes, 6 pre-auth keys, 1 API keys, the policy.");

        JsonNode users = JSON.readTree(server.cli("users", "list", "-o", "json").out());
        assertThat(fields(users, "id", "name", "email", "display_name", "created_at.seconds"))
                .isEqualTo(fields(HeadscaleFixture.listing("users.json"), "id", "name", "email", "display_name", "created_at.seconds"));

        JsonNode nodes = JSON.readTree(server.cli("nodes", "list", "-o", "json").out());
        List<String> nodeFields = List.of("id", "machine_key", "node_key", "ip_addresses", "name", "given_name", "created_at.seconds");
        assertThat(fields(nodes, nodeFields.toArray(String[]::new)))
                .isEqualTo(fields(HeadscaleFixture.listing("nodes.json"), nodeFields.toArray(String[]::new)));
        JsonNode dbServer = nodes.get(2);
        assertThat(dbServer.toString()).contains("\"tag:server\"");
        assertThat(nodes.get(0).get("user").get("name").asText()).isEqualTo("alice");
        assertThat(nodes.get(1).get("user").get("name").asText()).isEqualTo("bob");

        JsonNode routes = JSON.readTree(server.cli("nodes", "list-routes", "-o", "json").out());
        JsonNode expectedRoutes = HeadscaleFixture.listing("routes.json");
        assertThat(withRoutes(fields(routes, "id", "approved_routes", "available_routes")))
                .isEqualTo(withRoutes(fields(expectedRoutes, "id", "approved_routes", "available_routes")))
                .hasSize(1);

        // Headscale 0.26 lists one user's keys: its listing is alice's; every key of every user is carried.
        JsonNode preAuthKeys = JSON.readTree(server.cli("preauthkeys", "list", "-o", "json").out());
        assertThat(preAuthKeys).hasSize(6);
        String[] keyFields = {"id", "reusable", "ephemeral", "expiration.seconds", "acl_tags", "created_at.seconds"};
        List<Map<String, String>> alices = fields(HeadscaleFixture.listing("preauthkeys.json"), keyFields);
        assertThat(fields(preAuthKeys, keyFields)).filteredOn(row -> alices.stream().anyMatch(a -> a.get("id").equals(row.get("id"))))
                .isEqualTo(alices);

        JsonNode apiKeys = JSON.readTree(server.cli("apikeys", "list", "-o", "json").out());
        assertThat(fields(apiKeys, "prefix", "expiration.seconds", "created_at.seconds"))
                .isEqualTo(fields(HeadscaleFixture.listing("apikeys.json"), "prefix", "expiration.seconds", "created_at.seconds"));

        assertThat(server.cli("policy", "get").out()).isEqualTo(Files.readString(HeadscaleFixture.dir().resolve("policy.hujson")).strip());
    }

    @Test
    @Order(3)
    void theApiKeyHeadscaleHandedOutStillWorks() throws Exception {
        assertThat(server.send("GET", "/api/v1/node", null, Optional.of(keys.get("API_KEY"))).status()).isEqualTo(200);
        String changed = keys.get("API_KEY").substring(0, keys.get("API_KEY").length() - 1) + "x";
        assertThat(server.send("GET", "/api/v1/node", null, Optional.of(changed)).status()).isEqualTo(401);
    }

    @Test
    @Order(4)
    void aClientReconnectsWithTheMachineKeyItKeptAndGetsItsOldAddress() throws Exception {
        JsonNode state = JSON.readTree(HeadscaleFixture.dir().resolve("clients/alice-laptop/tailscaled.state").toFile());
        String machinePrivate = new String(Base64.getDecoder().decode(state.get("_machinekey").asText()));
        NoiseKeyPair machine = NoiseKeyPair.fromPrivate(HexFormat.of().parseHex(machinePrivate.substring("privkey:".length())));
        JsonNode listed = HeadscaleFixture.listing("nodes.json").get(0);
        assertThat("mkey:" + HexFormat.of().formatHex(machine.publicKey().bytes())).isEqualTo(listed.get("machine_key").asText());

        ProtocolNode laptop = clients.connect(machine, listed.get("node_key").asText());
        ObjectNode request = (ObjectNode) ProtocolNode.JSON.readTree(laptop.mapStreamBody());
        JsonNode map = laptop.openMapStream(request.put("Stream", false).toString()).first();
        assertThat(map.get("Node").get("Addresses").toString()).contains("100.64.0.1/32", "fd7a:115c:a1e0::1/128");
        assertThat(map.get("Node").get("ID").asLong()).isEqualTo(1);
        List<String> peers = new ArrayList<>();
        map.get("Peers").forEach(peer -> peers.add(peer.get("Name").asText()));
        assertThat(peers).anyMatch(name -> name.startsWith("db-server.")).anyMatch(name -> name.startsWith("bobs-mac."));
        // The peer API its peers reach for Taildrop is carried from Headscale's Hostinfo before db-server reconnects.
        JsonNode dbServer = null;
        for (JsonNode peer : map.get("Peers")) {
            if (peer.get("Name").asText().startsWith("db-server.")) {
                dbServer = peer;
            }
        }
        assertThat(dbServer.get("Hostinfo").get("Services").toString()).contains("\"peerapi4\"").contains("34152");
    }

    @Test
    @Order(5)
    void preAuthKeysKeepTheirStateReusableOnesRegisterSpentAndExpiredOnesAreRefused() throws Exception {
        ProtocolNode fresh = clients.connect(ProtocolNode.randomNodeKey());
        JsonNode accepted = fresh.register(fresh.registerBody(keys.get("ALICE_REUSABLE_KEY"), "alice-desktop"));
        assertThat(accepted.get("MachineAuthorized").asBoolean()).isTrue();

        for (String spent : List.of("BOB_SINGLE_USE_KEY_USED", "CAROL_EXPIRED_KEY")) {
            ProtocolNode refused = clients.connect(ProtocolNode.randomNodeKey());
            ProtocolNode.Reply reply = refused.post("/machine/register", refused.registerBody(keys.get(spent), "x-" + spent));
            assertThat(reply.status() != 200 || !reply.body().contains("\"MachineAuthorized\":true")).as(spent).isTrue();
        }
        JsonNode nodes = JSON.readTree(server.cli("nodes", "list", "-o", "json").out());
        assertThat(nodes).hasSize(4);
        assertThat(nodes.get(3).get("id").asLong()).isEqualTo(4);
        assertThat(nodes.get(3).get("ip_addresses").toString()).contains("100.64.0.4");
        assertThat(nodes.get(3).get("user").get("name").asText()).isEqualTo("alice");
    }

    @Test
    @Order(6)
    void everyImportedThingIsAnEventOfTheImportActorWithHeadscalesCreationTime() throws Exception {
        String apiKey = keys.get("API_KEY");
        JsonNode log = awaitAudit(apiKey, "tailnet.imported");
        JsonNode closing = log.get(0);
        assertThat(closing.get("actor").get("type").asText()).isEqualTo("IMPORT");
        assertThat(closing.get("actor").get("id").asText()).startsWith("headscale ");
        assertThat(closing.get("reason").asText()).contains("imported by local_cli").contains("CHG-7 move off Headscale");
        assertThat(closing.get("details").get("nodes").asInt()).isEqualTo(3);

        JsonNode registered = awaitAudit(apiKey, "node.registered");
        JsonNode first = null;
        for (JsonNode record : registered) {
            if (record.get("target").get("id").asText().equals("1")) {
                first = record;
            }
        }
        assertThat(first).isNotNull();
        assertThat(first.get("actor").get("type").asText()).isEqualTo("IMPORT");
        // PostgreSQL keeps microseconds, SQLite Headscale's nanoseconds.
        assertThat(Instant.parse(first.get("details").get("createdAt").asText()))
                .isCloseTo(Instant.ofEpochSecond(1796228810, 760995958), within(1, ChronoUnit.MICROS));
    }

    @Test
    @Order(7)
    void aSecondImportIsRefusedAndChangesNothing() throws Exception {
        CliRun again = server.cli("import", "headscale", "--from", source(HeadscaleFixture.dir()));
        assertThat(again.status()).isNotZero();
        assertThat(again.out()).contains("Refused:").contains("import into a new Chronoscale database");
        assertThat(again.err()).contains("nothing was changed");
        assertThat(JSON.readTree(server.cli("users", "list", "-o", "json").out())).hasSize(3);
    }

    @Test
    @Order(8)
    void aSourceThatIsNotThereOrNotHeadscalesIsRefusedClearly() throws Exception {
        CliRun missing = server.cli("import", "headscale", "--from", "sqlite:" + dir.resolve("nothing.sqlite"));
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("no readable SQLite database at");
        CliRun wrongScheme = server.cli("import", "headscale", "--from", "mysql://root:secret@db/headscale");
        assertThat(wrongScheme.err()).contains("neither sqlite:PATH nor postgres://").doesNotContain("secret");
        Path notHeadscale = dir.resolve("data").resolve("chronoscale.mv.db");
        if (Files.exists(notHeadscale)) {
            CliRun h2 = server.cli("import", "headscale", "--from", "sqlite:" + notHeadscale);
            assertThat(h2.status()).isNotZero();
        }
    }

    private JsonNode awaitAudit(String apiKey, String action) throws Exception {
        for (int i = 0; i < 200; i++) {
            RunningServer.Reply reply = server.send("GET", "/api/v1/audit/log?action=" + action + "&limit=50", null, Optional.of(apiKey));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            JsonNode records = reply.json().get("records");
            if (records != null && !records.isEmpty()) {
                return records;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + action + " record in the audit log");
    }

    private static List<Map<String, String>> withRoutes(List<Map<String, String>> rows) {
        return rows.stream().filter(row -> !row.get("available_routes").isEmpty()).toList();
    }

    /** Each element of {@code array} reduced to the given fields (dotted paths), by its position. */
    static List<Map<String, String>> fields(JsonNode array, String... paths) {
        List<Map<String, String>> rows = new ArrayList<>();
        for (JsonNode element : array) {
            Map<String, String> row = new TreeMap<>();
            for (String path : paths) {
                JsonNode value = element;
                for (String part : path.split("\\.")) {
                    value = value.path(part);
                }
                row.put(path, value.isMissingNode() || value.isNull() ? "" : value.isValueNode() ? value.asText() : value.toString());
            }
            rows.add(row);
        }
        return rows;
    }
}
