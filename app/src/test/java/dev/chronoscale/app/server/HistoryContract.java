package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.inventory.InventoryViews.UserView;
import dev.chronoscale.netmap.Netmap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * History against a server used for real: a long random history of admin changes while protocol clients are
 * registered, with what the read routes and a client's complete map showed recorded after each change; afterwards
 * every recorded instant is asked again with {@code ?at=} and {@code history netmap}, and must give the same
 * answers. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class HistoryContract {

    private static final AuditContext ADMIN = AuditContext.system("test");
    private static final List<String> READS = List.of("/api/v1/user", "/api/v1/node", "/api/v1/preauthkey",
            "/api/v1/apikey", "/api/v1/policy");
    private static final List<String> POLICIES = List.of(
            """
            {"tagOwners": {"tag:a": ["alice@example.com"], "tag:b": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}""",
            """
            {"tagOwners": {"tag:a": ["alice@example.com"], "tag:b": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["tag:a"], "dst": ["tag:b:443"]},
                      {"action": "accept", "src": ["alice@example.com"], "dst": ["tag:a:22"]}]}""",
            """
            {"tagOwners": {"tag:a": ["alice@example.com"], "tag:b": ["alice@example.com"]},
             "grants": [{"src": ["autogroup:member"], "dst": ["tag:b"], "ip": ["tcp:5432"]}],
             "ssh": [{"action": "accept", "src": ["autogroup:member"], "dst": ["tag:a"], "users": ["root"]}]}""");

    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private String apiKey;
    private UserView alice;
    private final List<Long> nodeIds = new ArrayList<>();

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-history");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\ndns:\n  base_domain: tail.example\n" + databaseYaml());
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
        alice = server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
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
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    private record Recorded(Map<String, String> reads, JsonNode map) {
    }

    @Test
    void everyRecordedInstantIsAnsweredAgainAsItWasShown() throws Exception {
        Random random = new Random(20261203);
        ProtocolNode observer = join("observer", List.of());
        long observerId = nodeIds.get(0);
        for (int i = 0; i < 4; i++) {
            join("device-" + i, i % 2 == 0 ? List.of("tag:a") : List.of("tag:b"));
        }
        Map<Instant, Recorded> recorded = new LinkedHashMap<>();
        for (int step = 0; step < 40; step++) {
            change(random, step, observerId);
            recorded.put(settled(), record(observer));
        }
        for (Map.Entry<Instant, Recorded> entry : recorded.entrySet()) {
            String at = URLEncoder.encode(entry.getKey().toString(), StandardCharsets.UTF_8);
            for (String path : READS) {
                RunningServer.Reply past = api("GET", path + "?at=" + at, null);
                assertThat(withoutApiKeyUse(shown(past))).as("%s at %s", path, entry.getKey())
                        .isEqualTo(withoutApiKeyUse(entry.getValue().reads().get(path)));
            }
            RunningServer.Reply map = api("GET", "/api/v1/history/netmap?node=" + observerId + "&at=" + at, null);
            assertThat(MapParts.of(map.json())).as("the observer's map at %s", entry.getKey())
                    .isEqualTo(MapParts.of(entry.getValue().map()));
        }
    }

    private ProtocolNode join(String hostname, List<String> tags) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String key = server.bean(PreAuthKeyAdmin.class).create(Optional.of(alice.id()), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), tags, ADMIN).text();
        assertThat(node.register(node.registerBody(key, hostname)).get("MachineAuthorized").asBoolean()).isTrue();
        nodeIds.add(node.openMapStream(oneShot(node)).first().get("Node").get("ID").asLong());
        return node;
    }

    /** One random admin change, through the REST API as an operator would make it. */
    private void change(Random random, int step, long observerId) throws Exception {
        long node = nodeIds.get(1 + random.nextInt(nodeIds.size() - 1));
        RunningServer.Reply reply = switch (random.nextInt(8)) {
            case 0 -> api("POST", "/api/v1/user", "{\"name\":\"user-" + step + "\",\"email\":\"u" + step + "@example.com\"}");
            case 1 -> api("POST", "/api/v1/node/" + node + "/rename/renamed-" + step, null);
            case 2 -> api("POST", "/api/v1/node/" + node + "/tags",
                    "{\"tags\":[\"" + (random.nextBoolean() ? "tag:a" : "tag:b") + "\"]}");
            case 3 -> api("PUT", "/api/v1/policy", ProtocolNode.JSON.createObjectNode()
                    .put("policy", POLICIES.get(random.nextInt(POLICIES.size()))).toString());
            case 4 -> api("POST", "/api/v1/node/" + node + "/expire", null);
            case 5 -> api("POST", "/api/v1/node/" + node + "/expire?disable_expiry=true", null);
            case 6 -> api("POST", "/api/v1/preauthkey", "{\"user\":\"" + alice.id() + "\",\"reusable\":true,"
                    + "\"expiration\":\"" + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}");
            default -> api("POST", "/api/v1/apikey", "{\"expiration\":\"" + Instant.now().plus(3, ChronoUnit.HOURS) + "\"}");
        };
        assertThat(reply.status()).as("step %d: %s", step, reply.body()).isEqualTo(200);
    }

    /** Waits until the netmap has every event written so far, then returns an instant after all of them. */
    private Instant settled() throws Exception {
        long head = server.bean(EventLog.class).headPosition();
        server.bean(Netmap.class).whenAt(head).get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS);
        Instant now = Instant.now();
        while (!Instant.now().isAfter(now)) {
            Thread.onSpinWait();
        }
        return now;
    }

    private Recorded record(ProtocolNode observer) throws Exception {
        Map<String, String> reads = new LinkedHashMap<>();
        for (String path : READS) {
            reads.put(path, shown(api("GET", path, null)));
        }
        return new Recorded(reads, observer.openMapStream(oneShot(observer)).first());
    }

    /** An answer as compared: the body of a success; of a refusal, the status (the past words it in the past). */
    /** When an API key was last used is kept outside the log, so the past does not show it (docs/api.md). */
    private static String withoutApiKeyUse(String shown) {
        return shown.replaceAll("\"lastSeen\":(null|\"[^\"]*\")}", "\"lastSeen\":null}");
    }

    private static String shown(RunningServer.Reply reply) {
        return reply.status() == 200 ? reply.body() : String.valueOf(reply.status());
    }

    private static String oneShot(ProtocolNode node) throws Exception {
        ObjectNode body = (ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        return body.put("Stream", false).toString();
    }

    private RunningServer.Reply api(String method, String path, String body) throws Exception {
        return server.send(method, path, body, Optional.of(apiKey));
    }
}
