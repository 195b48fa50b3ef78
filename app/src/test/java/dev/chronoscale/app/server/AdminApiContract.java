package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.IdSequence;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admin surface end to end against a real server and a real database: REST with API keys, the
 * CLI over the unix socket, the audit context on stored events, restart and projection rebuild.
 * Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AdminApiContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    Path dir;
    RunningServer server;
    String apiKey;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-test");
        server = RunningServer.start(dir, config());
        CliRun created = cli("apikeys", "create", "--expiration", "1d");
        assertThat(created.status()).as(created.err()).isZero();
        apiKey = created.out();
        assertThat(apiKey).startsWith("hskey-api-").hasSize(87);
    }

    private String config() {
        return "listen_addr: 127.0.0.1:0\n"
                + "metrics_listen_addr: 127.0.0.1:0\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: " + dir.resolve("data/cli.sock") + "\n"
                + "some_unknown_key: true\n"
                + databaseYaml();
    }

    /** Also called by the PostgreSQL subclasses first, so that the server stops while its database is still up. */
    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    CliRun cli(String... args) {
        return server.cli(args);
    }

    RunningServer.Reply api(String method, String path, String body) throws Exception {
        return server.send(method, path, body, Optional.of(apiKey));
    }

    @Test
    @Order(1)
    void everyApiEndpointRefusesMissingOrWrongKeysWithNoData() throws Exception {
        api("POST", "/api/v1/user", "{\"name\":\"secret-user\"}");
        for (String path : List.of("/api/v1/user", "/api/v1/node", "/api/v1/preauthkey", "/api/v1/apikey",
                "/api/v1/policy", "/api/v1/health", "/api/v1/openapi.json", "/api/v1/no-such-thing")) {
            RunningServer.Reply none = server.send("GET", path, null, Optional.empty());
            RunningServer.Reply wrong = server.send("GET", path, null,
                    Optional.of("hskey-api-AAAAAAAAAAAA-" + "B".repeat(64)));
            for (RunningServer.Reply reply : List.of(none, wrong)) {
                assertThat(reply.status()).as(path).isEqualTo(401);
                assertThat(reply.body()).doesNotContain("secret-user").doesNotContain("hskey");
            }
        }
        RunningServer.Reply tampered = server.send("GET", "/api/v1/user", null,
                Optional.of(apiKey.substring(0, apiKey.length() - 1) + (apiKey.endsWith("A") ? "B" : "A")));
        assertThat(tampered.status()).isEqualTo(401);
    }

    @Test
    @Order(2)
    void usersOverRestUseHeadscaleShapesAndProblemErrors() throws Exception {
        RunningServer.Reply created = api("POST", "/api/v1/user", "{\"name\":\"alice\",\"displayName\":\"Alice A\",\"email\":\"alice@example.com\"}");
        assertThat(created.status()).isEqualTo(200);
        JsonNode user = created.json().get("user");
        assertThat(user.get("id").isTextual()).isTrue();
        assertThat(user.get("name").asText()).isEqualTo("alice");
        assertThat(user.get("displayName").asText()).isEqualTo("Alice A");
        assertThat(Instant.parse(user.get("createdAt").asText())).isCloseTo(Instant.now(), within());
        assertThat(user.has("profilePicUrl")).isTrue();

        RunningServer.Reply duplicate = api("POST", "/api/v1/user", "{\"name\":\"alice\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.json().get("detail").asText()).contains("alice").contains("already in use");
        assertThat(duplicate.json().get("status").asInt()).isEqualTo(409);

        assertThat(api("POST", "/api/v1/user", "{\"name\":\"9lives\"}").status()).isEqualTo(400);
        assertThat(api("POST", "/api/v1/user", "{\"name\":").status()).isEqualTo(400);
        assertThat(api("POST", "/api/v1/user", "[1]").status()).isEqualTo(400);

        String id = user.get("id").asText();
        RunningServer.Reply renamed = api("POST", "/api/v1/user/" + id + "/rename/alice2", null);
        assertThat(renamed.json().get("user").get("name").asText()).isEqualTo("alice2");
        assertThat(api("GET", "/api/v1/user?name=alice2", null).json().get("users")).hasSize(1);
        assertThat(api("GET", "/api/v1/user?name=alice", null).json().get("users")).isEmpty();
        assertThat(api("POST", "/api/v1/user/999999/rename/x2", null).status()).isEqualTo(404);
        assertThat(api("PATCH", "/api/v1/user", null).status()).isEqualTo(405);
        assertThat(api("GET", "/api/v1/user?id=abc", null).status()).isEqualTo(400);
        RunningServer.Reply oversized = api("POST", "/api/v1/user", "{\"name\":\"" + "x".repeat(3 * 1024 * 1024) + "\"}");
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(api("GET", "/api/v1/user?name=x" + "x".repeat(300), null).json().get("users")).isEmpty();
        assertThat(api("GET", "/api/v1/openapi.json", null).json().get("paths").has("/api/v1/node/{node_id}/rename/{new_name}"))
                .isTrue();
    }

    @Test
    @Order(3)
    void preAuthKeysAreShownOnceAndStoredHashed() throws Exception {
        long userId = userId("bob");
        String expiration = Instant.now().plus(1, ChronoUnit.HOURS).toString();
        RunningServer.Reply created = api("POST", "/api/v1/preauthkey", "{\"user\":\"" + userId
                + "\",\"reusable\":true,\"expiration\":\"" + expiration + "\",\"aclTags\":[\"tag:server\",\"tag:db\",\"tag:db\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        JsonNode key = created.json().get("preAuthKey");
        String text = key.get("key").asText();
        assertThat(text).startsWith("hskey-auth-").hasSize(88);
        assertThat(key.get("aclTags")).extracting(JsonNode::asText).containsExactly("tag:db", "tag:server");

        JsonNode listed = api("GET", "/api/v1/preauthkey", null).json().get("preAuthKeys").get(0);
        assertThat(listed.get("key").asText()).endsWith("-***").doesNotContain(text.substring(24));
        String secret = text.substring(text.length() - 64);
        Long rowsWithSecret = server.bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry", Long.class);
        assertThat(rowsWithSecret).isPositive();
        List<byte[]> payloads = server.bean(JdbcTemplate.class).queryForList("SELECT payload FROM DomainEventEntry", byte[].class);
        assertThat(payloads).noneMatch(p -> new String(p, StandardCharsets.UTF_8).contains(secret));

        assertThat(api("POST", "/api/v1/preauthkey", "{\"user\":\"424242\",\"expiration\":\"" + expiration + "\"}").status())
                .isEqualTo(404);
        assertThat(api("POST", "/api/v1/preauthkey", "{\"user\":\"" + userId + "\",\"expiration\":\"2001-01-01T00:00:00Z\"}").status())
                .isEqualTo(400);
        assertThat(api("POST", "/api/v1/preauthkey", "{\"user\":\"" + userId + "\",\"expiration\":\"" + expiration
                + "\",\"aclTags\":[\"server\"]}").status()).isEqualTo(400);

        String id = key.get("id").asText();
        assertThat(api("POST", "/api/v1/preauthkey/expire", "{\"id\":\"" + id + "\"}").status()).isEqualTo(200);
        JsonNode expired = api("GET", "/api/v1/preauthkey", null).json().get("preAuthKeys").get(0);
        assertThat(Instant.parse(expired.get("expiration").asText())).isBefore(Instant.now().plusSeconds(1));
        assertThat(api("DELETE", "/api/v1/preauthkey?id=" + id, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/preauthkey", null).json().get("preAuthKeys")).isEmpty();
    }

    @Test
    @Order(4)
    void nodesCanBeRenamedTaggedRoutedExpiredAndDeleted() throws Exception {
        long userId = userId("carol");
        long nodeId = register(userId, "Carol's Laptop", 'a');
        register(userId, "carols-laptop", 'b');

        JsonNode nodes = api("GET", "/api/v1/node?user=carol", null).json().get("nodes");
        assertThat(nodes).hasSize(2);
        JsonNode first = nodes.get(0);
        assertThat(first.get("givenName").asText()).isEqualTo("carols-laptop");
        assertThat(nodes.get(1).get("givenName").asText()).isEqualTo("carols-laptop-1");
        assertThat(first.get("ipAddresses")).hasSize(2);
        assertThat(first.get("ipAddresses").get(0).asText()).startsWith("100.");
        assertThat(first.get("ipAddresses").get(1).asText()).startsWith("fd7a:115c:a1e0::");
        assertThat(nodes.get(1).get("ipAddresses").get(0).asText()).isNotEqualTo(first.get("ipAddresses").get(0).asText());
        assertThat(first.get("registerMethod").asText()).isEqualTo("REGISTER_METHOD_AUTH_KEY");

        assertThat(api("POST", "/api/v1/node/" + nodeId + "/rename/Bad_Name", null).status()).isEqualTo(400);
        assertThat(api("POST", "/api/v1/node/" + nodeId + "/rename/carols-laptop-1", null).status()).isEqualTo(409);
        assertThat(api("POST", "/api/v1/node/" + nodeId + "/rename/ward-3-cart", null).json()
                .get("node").get("givenName").asText()).isEqualTo("ward-3-cart");

        JsonNode tagged = api("POST", "/api/v1/node/" + nodeId + "/tags", "{\"tags\":[\"tag:cart\"]}").json().get("node");
        assertThat(tagged.get("tags")).extracting(JsonNode::asText).containsExactly("tag:cart");
        assertThat(api("POST", "/api/v1/node/" + nodeId + "/tags", "{\"tags\":[]}").status()).isEqualTo(400);

        JsonNode routed = api("POST", "/api/v1/node/" + nodeId + "/approve_routes", "{\"routes\":[\"10.20.0.0/16\",\"0.0.0.0/0\"]}")
                .json().get("node");
        assertThat(routed.get("approvedRoutes")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("10.20.0.0/16", "0.0.0.0/0", "::/0");
        assertThat(api("POST", "/api/v1/node/" + nodeId + "/approve_routes", "{\"routes\":[\"10.20.0.300/16\"]}").status())
                .isEqualTo(400);

        assertThat(api("POST", "/api/v1/node/" + nodeId + "/expire", null).json().get("node").get("expiry").isNull()).isFalse();
        assertThat(api("POST", "/api/v1/node/" + nodeId + "/expire?disable_expiry=true", null).json()
                .get("node").get("expiry").isNull()).isTrue();

        RunningServer.Reply refused = api("DELETE", "/api/v1/user/" + userId, null);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("detail").asText()).contains("still owns 2 node(s)");

        api("POST", "/api/v1/node/" + nodeId + "/expire", null);
        String nodeKey = first.get("nodeKey").asText();
        assertThat(server.send("POST", "/verify", "{\"NodePublic\":\"" + nodeKey + "\",\"Source\":\"192.0.2.1\"}",
                Optional.empty()).json().get("Allow").asBoolean()).isFalse();
        String otherKey = nodes.get(1).get("nodeKey").asText();
        assertThat(server.send("POST", "/verify", "{\"NodePublic\":\"" + otherKey + "\",\"Source\":\"192.0.2.1\"}",
                Optional.empty()).json().get("Allow").asBoolean()).isTrue();
        assertThat(server.send("POST", "/verify", "{\"NodePublic\":\"nodekey:" + "f".repeat(64) + "\"}",
                Optional.empty()).json().get("Allow").asBoolean()).isFalse();
        assertThat(server.send("POST", "/verify", "{\"NodePublic\":", Optional.empty()).status()).isEqualTo(400);
        assertThat(server.send("POST", "/verify", "{\"Source\":\"192.0.2.1\"}", Optional.empty()).status()).isEqualTo(400);
        String freedAddress = first.get("ipAddresses").get(0).asText();
        assertThat(api("DELETE", "/api/v1/node/" + nodeId, null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/node/" + nodeId, null).status()).isEqualTo(404);
        long again = register(userId, "again", 'c');
        assertThat(api("GET", "/api/v1/node/" + again, null).json().get("node").get("ipAddresses").get(0).asText())
                .isEqualTo(freedAddress);

        assertThat(api("DELETE", "/api/v1/user/" + userId + "?delete_nodes=true", null).status()).isEqualTo(200);
        assertThat(api("GET", "/api/v1/node", null).json().get("nodes")).isEmpty();
    }

    @Test
    @Order(5)
    void anInvalidPolicyIsRefusedAndTheOldOneStaysInForce() throws Exception {
        String good = "{\n  // on-call may reach everything\n  \"groups\": {\"group:oncall\": [\"dave@example.com\"]},\n"
                + "  \"acls\": [{\"action\": \"accept\", \"src\": [\"group:oncall\"], \"dst\": [\"*:*\"]},],\n}\n";
        RunningServer.Reply set = api("PUT", "/api/v1/policy", JSON.createObjectNode().put("policy", good).toString());
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.json().get("version").asLong()).isEqualTo(1);

        RunningServer.Reply refused = api("PUT", "/api/v1/policy",
                JSON.createObjectNode().put("policy", "{\"acls\": [{\"action\": \"accept\", \"src\": [\"group:nobody\"], \"dst\": [\"*:*\"]}]}").toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("group:nobody");
        assertThat(api("GET", "/api/v1/policy", null).json().get("policy").asText()).isEqualTo(good);

        long dave = userId("dave");
        api("POST", "/api/v1/user/" + dave + "/rename/dave@example.com", null);
        long laptop = register(dave, "dave-laptop", 'd');
        String ip = api("GET", "/api/v1/node/" + laptop, null).json().get("node").get("ipAddresses").get(0).asText();
        String failingTests = good.replace("\n}\n", "  \"tests\": [{\"src\": \"dave@example.com\", \"deny\": [\"" + ip + ":22\"]}],\n}\n");
        RunningServer.Reply testsFail = api("PUT", "/api/v1/policy", JSON.createObjectNode().put("policy", failingTests).toString());
        assertThat(testsFail.status()).as(testsFail.body()).isEqualTo(400);
        assertThat(testsFail.json().get("detail").asText()).contains("test").contains(ip + ":22");
        String passingTests = good.replace("\n}\n", "  \"tests\": [{\"src\": \"dave@example.com\", \"accept\": [\"" + ip + ":22\"]}],\n}\n");
        RunningServer.Reply testsPass = api("PUT", "/api/v1/policy", JSON.createObjectNode().put("policy", passingTests).toString());
        assertThat(testsPass.status()).as(testsPass.body()).isEqualTo(200);
        assertThat(testsPass.json().get("version").asLong()).isEqualTo(2);

        Path file = dir.resolve("broken.hujson");
        Files.writeString(file, "{\"acls\": [");
        CliRun check = cli("policy", "check", "--file", file.toString());
        assertThat(check.status()).isEqualTo(1);
        assertThat(check.err()).startsWith("Error: ").contains("line");
        assertThat(api("GET", "/api/v1/policy", null).json().get("version").asLong()).isEqualTo(2);
    }

    @Test
    @Order(6)
    void theCliSpeaksHeadscaleOverTheUnixSocket() throws Exception {
        assertThat(cli("users", "create", "erin", "--reason", "INC-4711 new on-call engineer").out()).isEqualTo("User created");
        CliRun duplicate = cli("users", "create", "erin");
        assertThat(duplicate.status()).isEqualTo(1);
        assertThat(duplicate.err()).isEqualTo("Error: user name 'erin' is already in use");

        CliRun key = cli("preauthkeys", "create", "--user", "erin", "--reusable", "--expiration", "24h", "-o", "json");
        assertThat(key.status()).as(key.err()).isZero();
        JsonNode json = JSON.readTree(key.out());
        assertThat(json.get("key").asText()).startsWith("hskey-auth-");
        assertThat(json.get("id").isNumber()).isTrue();
        assertThat(json.get("reusable").asBoolean()).isTrue();
        assertThat(json.has("ephemeral")).isFalse();
        assertThat(json.get("expiration").get("seconds").asLong())
                .isCloseTo(Instant.now().plus(24, ChronoUnit.HOURS).getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(json.get("user").get("name").asText()).isEqualTo("erin");

        CliRun byId = cli("preauthkeys", "create", "--user", json.get("user").get("id").asText());
        assertThat(byId.status()).isZero();
        assertThat(byId.out()).startsWith("hskey-auth-");

        CliRun unknown = cli("preauthkeys", "create", "--user", "nobody");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Error: user 'nobody' not found");
        CliRun missingFlag = cli("preauthkeys", "create");
        assertThat(missingFlag.status()).isNotZero();
        assertThat(missingFlag.err()).contains("--user");

        CliRun list = cli("users", "list");
        // Headscale's columns, in its order, then Chronoscale's Roles.
        assertThat(list.out().lines().findFirst().orElseThrow().split("\\s*\\|\\s*"))
                .containsExactly("ID", "Name", "Username", "Email", "Created", "Roles");
        assertThat(list.out()).contains("erin");
        CliRun listJson = cli("users", "list", "-o", "json");
        assertThat(JSON.readTree(listJson.out()).isArray()).isTrue();
        assertThat(cli("nodes", "list").status()).isZero();
        assertThat(cli("health").out()).contains("database reachable");
        // Headscale's global flags, before the command: `headscale -c FILE --force users list`.
        CliRun globalFlags = CliRun.of("-c", server.configFile.toString(), "-o", "json", "--force", "users", "list");
        assertThat(globalFlags.status()).as(globalFlags.err()).isZero();
        assertThat(JSON.readTree(globalFlags.out()).findValuesAsText("name")).contains("erin");
        assertThat(cli("users", "list", "--force").status()).isZero();

        String address = "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort();
        CliRun remote = CliRun.of("users", "list", "-o", "json-line", "--address", address, "--api-key", apiKey);
        assertThat(remote.status()).as(remote.err()).isZero();
        assertThat(remote.out()).contains("\"name\":\"erin\"");
        CliRun badKey = CliRun.of("users", "list", "--address", address, "--api-key", "hskey-api-nope");
        assertThat(badKey.status()).isEqualTo(1);
        assertThat(badKey.err()).isEqualTo("Error: unauthorized: the API key is missing, wrong or expired");
        CliRun noKey = CliRun.of("users", "list", "--address", address);
        assertThat(noKey.status()).isEqualTo(1);
        assertThat(noKey.err()).contains("--api-key");
    }

    @Test
    @Order(7)
    void everyStoredEventCarriesItsAuditContext() throws Exception {
        List<Map<String, Object>> rows = server.bean(JdbcTemplate.class).queryForList(
                "SELECT payloadType, metaData FROM DomainEventEntry ORDER BY globalIndex");
        assertThat(rows).isNotEmpty();
        List<AuditContext> contexts = new ArrayList<>();
        for (Map<String, Object> row : rows) {
            JsonNode metadata = JSON.readTree(metadataBytes(row));
            Map<String, String> entries = new java.util.HashMap<>();
            metadata.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
            AuditContext context = AuditContext.fromMetadata(entries)
                    .orElseThrow(() -> new AssertionError("no audit context on " + row.get("payloadType") + ": " + metadata));
            contexts.add(context);
        }
        String prefix = apiKey.substring("hskey-api-".length(), "hskey-api-".length() + 12);
        assertThat(contexts).anySatisfy(c -> {
            assertThat(c.actorType().name()).isEqualTo("API_KEY");
            assertThat(c.actorId()).isEqualTo(prefix);
            assertThat(c.remoteAddress()).contains("127.0.0.1");
        });
        assertThat(contexts).anySatisfy(c -> {
            assertThat(c.actorType().name()).isEqualTo("LOCAL_CLI");
            assertThat(c.actorId()).isEqualTo(System.getProperty("user.name"));
            assertThat(c.reason()).contains("INC-4711 new on-call engineer");
        });
        assertThat(contexts).anySatisfy(c -> {
            assertThat(c.actorType().name()).isEqualTo("SYSTEM");
            assertThat(c.reason()).contains("configuration at start-up");
        });
    }

    @Test
    @Order(8)
    void aRestartKeepsEverythingAndTheInventoryRebuildsToTheSameState() throws Exception {
        String usersBefore = api("GET", "/api/v1/user", null).body();
        String keysBefore = api("GET", "/api/v1/preauthkey", null).body();
        server.close();
        server = RunningServer.start(dir, Files.readString(dir.resolve("chronoscale.yaml")));
        assertThat(api("GET", "/api/v1/user", null).body()).isEqualTo(usersBefore);

        server.bean(JdbcTemplate.class).update("DELETE FROM inv_user");
        assertThat(api("GET", "/api/v1/user", null).json().get("users")).isEmpty();
        CliRun rebuild = cli("admin", "rebuild-projections");
        assertThat(rebuild.status()).as(rebuild.err()).isZero();
        assertThat(rebuild.out()).startsWith("Replayed ");
        assertThat(api("GET", "/api/v1/user", null).body()).isEqualTo(usersBefore);
        assertThat(api("GET", "/api/v1/preauthkey", null).body()).isEqualTo(keysBefore);
        assertThat(cli("users", "create", "frank").status()).isZero();
    }

    @Test
    @Order(9)
    void metricsAreServedOnTheirOwnListenerOnly() throws Exception {
        var metrics = server.bean(ServerLifecycle.class).metricsAddress().orElseThrow();
        java.net.http.HttpResponse<String> scrape = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + metrics.getPort() + "/metrics")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.statusCode()).isEqualTo(200);
        assertThat(scrape.body()).contains("jvm_memory_used_bytes").containsPattern("(?m)^chronoscale_users \\d+");
        assertThat(api("GET", "/metrics", null).status()).isEqualTo(404);
    }

    @Test
    @Order(10)
    void racingCommandsNeverShareANameOrAnAddress() throws Exception {
        List<java.util.concurrent.Callable<Integer>> sameName = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            sameName.add(() -> api("POST", "/api/v1/user", "{\"name\":\"racer\"}").status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(sameName)) {
                statuses.add(result.get());
            }
        }
        assertThat(statuses).containsOnly(200, 409).filteredOn(s -> s == 200).hasSize(1);

        long owner = userId("grace");
        List<java.util.concurrent.Callable<Long>> registrations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            char digit = "12345678".charAt(i);
            registrations.add(() -> register(owner, "kiosk", digit));
        }
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (var result : pool.invokeAll(registrations)) {
                try {
                    result.get();
                } catch (java.util.concurrent.ExecutionException e) {
                    assertThat(e.getCause()).hasMessageContaining("try again");
                }
            }
        }
        JsonNode nodes = api("GET", "/api/v1/node?user=grace", null).json().get("nodes");
        List<String> addresses = new ArrayList<>();
        List<String> names = new ArrayList<>();
        nodes.forEach(n -> {
            n.get("ipAddresses").forEach(a -> addresses.add(a.asText()));
            names.add(n.get("givenName").asText());
        });
        assertThat(nodes.size()).isPositive();
        assertThat(addresses).doesNotHaveDuplicates().hasSize(2 * nodes.size());
        assertThat(names).doesNotHaveDuplicates();
    }

    @Test
    @Order(10)
    void readCommandsAnswerAsTheyWereAtAnInstantOverRestAndTheCli() throws Exception {
        long ivan = userId("ivan");
        long laptop = register(ivan, "ivan-laptop", 'f');
        Instant before = Instant.now();
        while (!Instant.now().isAfter(before)) {
            Thread.onSpinWait();
        }
        assertThat(api("POST", "/api/v1/user/" + ivan + "/rename/ivan-renamed", null).status()).isEqualTo(200);
        assertThat(api("POST", "/api/v1/node/" + laptop + "/rename/ivan-work", null).status()).isEqualTo(200);
        long judy = userId("judy");
        String at = java.net.URLEncoder.encode(before.toString(), StandardCharsets.UTF_8);

        List<String> usersThen = new ArrayList<>();
        api("GET", "/api/v1/user?at=" + at, null).json().get("users").forEach(u -> usersThen.add(u.get("name").asText()));
        assertThat(usersThen).contains("ivan").doesNotContain("ivan-renamed", "judy");
        JsonNode nodeThen = api("GET", "/api/v1/node/" + laptop + "?at=" + at, null).json().get("node");
        assertThat(nodeThen.get("givenName").asText()).isEqualTo("ivan-laptop");
        assertThat(nodeThen.get("user").get("name").asText()).isEqualTo("ivan");
        assertThat(api("GET", "/api/v1/node/" + laptop, null).json().get("node").get("givenName").asText()).isEqualTo("ivan-work");
        assertThat(api("GET", "/api/v1/user?id=" + judy + "&at=" + at, null).json().get("users").size()).isZero();

        CliRun cliThen = cli("users", "list", "--at", before.toString(), "-o", "json");
        assertThat(cliThen.status()).as(cliThen.err()).isZero();
        List<String> cliNames = new ArrayList<>();
        JSON.readTree(cliThen.out()).forEach(u -> cliNames.add(u.get("name").asText()));
        assertThat(cliNames).containsExactlyInAnyOrderElementsOf(usersThen);
        CliRun nodesThen = cli("nodes", "list", "--user", "ivan", "--at", before.toString(), "-o", "json");
        assertThat(nodesThen.status()).as(nodesThen.err()).isZero();
        assertThat(JSON.readTree(nodesThen.out()).get(0).get("given_name").asText()).isEqualTo("ivan-laptop");
        assertThat(cli("nodes", "list", "--user", "ivan", "-o", "json").status()).isNotZero();

        RunningServer.Reply future = api("GET", "/api/v1/node?at=" + java.net.URLEncoder.encode(
                Instant.now().plusSeconds(3600).toString(), StandardCharsets.UTF_8), null);
        assertThat(future.status()).isEqualTo(400);
        assertThat(future.json().get("detail").asText()).contains("future");
        assertThat(api("GET", "/api/v1/user?at=yesterday", null).status()).isEqualTo(400);
        CliRun badCli = cli("users", "list", "--at", "yesterday");
        assertThat(badCli.status()).isNotZero();
        assertThat(badCli.err()).contains("--at").contains("is not an instant");

        // What changed since, field by field, with the events that did it.
        JsonNode diff = api("GET", "/api/v1/history/diff?from=" + at, null).json();
        JsonNode renamed = find(diff.get("changes"), c -> c.get("kind").asText().equals("user") && c.get("id").asLong() == ivan);
        assertThat(renamed.get("change").asText()).isEqualTo("changed");
        assertThat(renamed.get("fields").get(0).get("before").asText()).isEqualTo("ivan");
        assertThat(renamed.get("fields").get(0).get("after").asText()).isEqualTo("ivan-renamed");
        assertThat(renamed.get("events").get(0).get("action").asText()).isEqualTo("user.renamed");
        assertThat(renamed.get("events").get(0).get("actor").get("type").asText()).isEqualTo("API_KEY");
        JsonNode node = find(diff.get("changes"), c -> c.get("kind").asText().equals("node") && c.get("id").asLong() == laptop);
        assertThat(node.get("fields").toString()).contains("ivan-laptop").contains("ivan-work");
        JsonNode added = find(diff.get("changes"), c -> c.get("kind").asText().equals("user") && c.get("id").asLong() == judy);
        assertThat(added.get("change").asText()).isEqualTo("added");
        assertThat(diff.get("changes").toString()).doesNotContain("\"ivan-laptop\",\"change\":\"added\"");
        CliRun cliDiff = cli("history", "diff", "--from", before.toString());
        assertThat(cliDiff.status()).as(cliDiff.err()).isZero();
        assertThat(cliDiff.out()).contains("~ user " + ivan + " ivan-renamed: name ivan -> ivan-renamed").contains("user.renamed");

        // The events of the window themselves, in order.
        List<String> actions = new ArrayList<>();
        api("GET", "/api/v1/history/events?from=" + at, null).json().get("records")
                .forEach(r -> actions.add(r.get("action").asText()));
        assertThat(actions).containsSubsequence("user.renamed", "node.renamed", "user.created");
        assertThat(api("GET", "/api/v1/history/events?from=" + at + "&to=-1d", null).status()).isEqualTo(400);
        CliRun cliEvents = cli("history", "events", "--from", before.toString(), "--user", "judy");
        assertThat(cliEvents.status()).as(cliEvents.err()).isZero();
        assertThat(cliEvents.out()).contains("user.created").doesNotContain("user.renamed");
    }

    private static JsonNode find(JsonNode items, java.util.function.Predicate<JsonNode> wanted) {
        for (JsonNode item : items) {
            if (wanted.test(item)) {
                return item;
            }
        }
        throw new AssertionError("nothing matches in " + items);
    }

    @Test
    @Order(11)
    void aPolicyFileIsPutInForceAtStartUpOnlyWhenItsTestsPassAgainstTheReplayedNetmap() throws Exception {
        long heidi = userId("heidi");
        assertThat(api("POST", "/api/v1/user/" + heidi + "/rename/heidi@example.com", null).status()).isEqualTo(200);
        long desk = register(heidi, "heidi-desk", 'e');
        String ip = api("GET", "/api/v1/node/" + desk, null).json().get("node").get("ipAddresses").get(0).asText();
        String passing = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"heidi@example.com\"], \"dst\": [\"*:*\"]}],"
                + " \"tests\": [{\"src\": \"heidi@example.com\", \"accept\": [\"" + ip + ":22\"]}]}";
        Path file = dir.resolve("policy.hujson");
        Files.writeString(file, passing);
        // The config file as written, not config(): that would start a fresh embedded PostgreSQL.
        String databaseMode = Files.readString(server.configFile);
        String fileMode = databaseMode + "policy:\n  mode: file\n  path: " + file + "\n";
        server.close();
        server = RunningServer.start(dir, fileMode);
        assertThat(api("GET", "/api/v1/policy", null).json().get("policy").asText()).isEqualTo(passing);

        server.close();
        server = null;
        Files.writeString(file, passing.replace("\"accept\": [\"" + ip, "\"deny\": [\"" + ip));
        assertThatThrownBy(() -> RunningServer.start(dir, fileMode))
                .hasStackTraceContaining("config key 'policy.path': policy rejected: test(s) failed")
                .hasStackTraceContaining(ip + ":22: expected DENIED, got ALLOWED");
        server = RunningServer.start(dir, databaseMode);
        assertThat(api("GET", "/api/v1/policy", null).json().get("policy").asText()).isEqualTo(passing);
    }

    private static byte[] metadataBytes(Map<String, Object> row) throws Exception {
        Object value = row.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("metaData"))
                .findFirst().orElseThrow().getValue();
        if (value instanceof java.sql.Blob blob) {
            return blob.getBytes(1, (int) blob.length());
        }
        return (byte[]) value;
    }

    private long userId(String name) throws Exception {
        RunningServer.Reply created = api("POST", "/api/v1/user", "{\"name\":\"" + name + "\"}");
        assertThat(created.status()).as(created.body()).isEqualTo(200);
        return created.json().get("user").get("id").asLong();
    }

    /** Registers a node the way the gateway does: a command with the node as its actor. */
    private long register(long userId, String hostname, char keyDigit) {
        long id = server.bean(IdSequence.class).next(IdSequence.Kind.NODE);
        String hex = String.valueOf(keyDigit).repeat(63) + "1";
        RegisterNode command = new RegisterNode(id, "mkey:" + hex, "nodekey:" + hex, userId, List.of(), hostname,
                null, false, null, RegisterMethod.AUTH_KEY);
        AuditContext node = new AuditContext(dev.chronoscale.domain.audit.ActorType.NODE, Long.toString(id),
                Optional.of("127.0.0.1"), Optional.empty());
        server.bean(CommandGateway.class).sendAndWait(GenericCommandMessage.asCommandMessage(command).andMetaData(node.toMetadata()));
        return id;
    }

    private static org.assertj.core.data.TemporalUnitOffset within() {
        return new org.assertj.core.data.TemporalUnitWithinOffset(1, ChronoUnit.MINUTES);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file);
    }
}
