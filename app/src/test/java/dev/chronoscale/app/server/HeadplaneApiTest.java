package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Headplane (github.com/tale/headplane, app/server/headscale/api) against a real server: each request as its
 * transport sends it (Authorization: Bearer, Accept and User-Agent on every request, Content-Type: application/json
 * only with a body, query parameters only on GET and DELETE), and the fields its loaders and actions read.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeadplaneApiTest {

    /** Headplane's server-version.ts. */
    private static final Pattern SEMVER = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+)(?:-([0-9A-Za-z.-]+))?(?:\\+([0-9A-Za-z.-]+))?$");

    private ToolServer tool;
    private String aliceId;
    private String cliNodeId;

    @BeforeAll
    void start() throws Exception {
        tool = ToolServer.start("");
    }

    @AfterAll
    void stop() {
        tool.close();
    }

    /** transport.ts {@code request()}: the API key as bearer, JSON only on methods with a body. */
    private RunningServer.Reply request(String method, String path, String bodyJson, Map<String, String> query) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + tool.apiKey);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", "Headplane/0.6.2");
        String url = "/api/" + path;
        String body = null;
        if (!query.isEmpty() && (method.equals("GET") || method.equals("DELETE"))) {
            StringBuilder params = new StringBuilder();
            query.forEach((k, v) -> params.append(params.isEmpty() ? "?" : "&").append(k).append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
            url += params;
        } else if (bodyJson != null && !method.equals("GET") && !method.equals("DELETE")) {
            body = bodyJson;
            headers.put("Content-Type", "application/json");
        }
        return tool.server.request(method, url, body, headers);
    }

    private RunningServer.Reply request(String method, String path) throws Exception {
        return request(method, path, null, Map.of());
    }

    private static JsonNode ok(RunningServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    @Test
    @Order(1)
    void atBootTheVersionIsOneWhoseCapabilitiesAreHeadscale028s() throws Exception {
        // transport.ts getPublic("/version"): no API key.
        RunningServer.Reply version = tool.server.request("GET", "/version", null,
                Map.of("Accept", "application/json", "User-Agent", "Headplane/0.6.2"));
        String raw = ok(version).get("version").asText();
        Matcher parsed = SEMVER.matcher(raw.trim());
        assertThat(parsed.matches()).as(raw).isTrue();
        int major = Integer.parseInt(parsed.group(1));
        int minor = Integer.parseInt(parsed.group(2));
        // capabilities.ts: preAuthKeysHaveStableIds, nodeTagsAreFlat and nodeOwnerIsImmutable need 0.28.0
        assertThat(major > 0 || minor >= 28).as(raw).isTrue();
        assertThat(version.json().get("chronoscale").asText()).isNotBlank();
        assertThat(tool.server.request("GET", "/health", null, Map.of("Accept", "application/json")).status()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void theAclPageOfAFreshServerOpensAnEmptyWritableEditorAndSavesThePolicy() throws Exception {
        RunningServer.Reply none = request("GET", "v1/policy");
        // acl-loader.ts: rawData includes "acl policy not found" or status 500 means no policy yet, writable.
        assertThat(none.status()).isEqualTo(500);
        assertThat(none.body()).contains("acl policy not found");

        String policy = "{\n  // tagged CI runners\n  \"tagOwners\": {\"tag:ci\": [\"alice@example.com\"]},\n"
                + "  \"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]\n}";
        JsonNode saved = ok(request("PUT", "v1/policy", json(Map.of("policy", policy)), Map.of()));
        assertThat(saved.get("policy").asText()).isEqualTo(policy);
        Instant updated = Instant.parse(saved.get("updatedAt").asText());
        JsonNode read = ok(request("GET", "v1/policy"));
        assertThat(read.get("policy").asText()).isEqualTo(policy);
        // acl-loader.ts: writable = updatedAt !== null
        assertThat(Instant.parse(read.get("updatedAt").asText())).isEqualTo(updated);

        // acl-action.ts shows a parse error in the editor when the message holds "parsing policy from bytes:".
        RunningServer.Reply broken = request("PUT", "v1/policy", json(Map.of("policy", "{\"acls\": [")), Map.of());
        assertThat(broken.status()).isEqualTo(400);
        String message = broken.json().get("message").asText();
        assertThat(message).contains("parsing policy from bytes:");
        assertThat(message.substring(message.indexOf("parsing policy from bytes:") + 26).trim()).startsWith("policy rejected: line 1");
        assertThat(ok(request("GET", "v1/policy")).get("policy").asText()).isEqualTo(policy);
    }

    @Test
    @Order(3)
    void usersAreCreatedListedRenamedAndDeleted() throws Exception {
        // users.ts create: JSON.stringify drops pictureUrl when undefined.
        JsonNode user = ok(request("POST", "v1/user", "{\"name\":\"alice\",\"email\":\"alice@example.com\",\"displayName\":\"Alice\"}",
                Map.of())).get("user");
        aliceId = user.get("id").asText();
        assertThat(user.get("name").asText()).isEqualTo("alice");
        assertThat(user.get("displayName").asText()).isEqualTo("Alice");
        assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
        assertThat(Instant.parse(user.get("createdAt").asText())).isBefore(Instant.now().plusSeconds(1));

        String bobId = ok(request("POST", "v1/user", "{\"name\":\"bob\"}", Map.of())).get("user").get("id").asText();
        JsonNode byName = ok(request("GET", "v1/user", null, Map.of("name", "bob"))).get("users");
        assertThat(byName).hasSize(1);
        assertThat(byName.get(0).get("id").asText()).isEqualTo(bobId);
        ok(request("POST", "v1/user/" + bobId + "/rename/" + URLEncoder.encode("bob.b", StandardCharsets.UTF_8)));
        assertThat(ok(request("GET", "v1/user", null, Map.of("id", bobId))).get("users").get(0).get("name").asText())
                .isEqualTo("bob.b");
        ok(request("DELETE", "v1/user/" + bobId));
        assertThat(ok(request("GET", "v1/user")).get("users")).extracting(u -> u.get("name").asText()).containsExactly("alice");
        assertThat(request("DELETE", "v1/user/" + bobId).status()).isEqualTo(404);
    }

    @Test
    @Order(4)
    void preAuthKeysWithAUserAndTagOnlyKeysAreCreatedListedAndExpiredByTheirIds() throws Exception {
        String expiration = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString();
        // pre-auth-keys.ts create: user only when given, aclTags only when not empty.
        JsonNode owned = ok(request("POST", "v1/preauthkey",
                "{\"ephemeral\":false,\"reusable\":true,\"expiration\":\"" + expiration + "\",\"user\":\"" + aliceId + "\"}",
                Map.of())).get("preAuthKey");
        assertThat(owned.get("key").asText()).startsWith("hskey-auth-").doesNotContain("***");
        assertThat(owned.get("user").get("id").asText()).isEqualTo(aliceId);
        assertThat(owned.get("reusable").asBoolean()).isTrue();
        JsonNode tagOnly = ok(request("POST", "v1/preauthkey",
                "{\"ephemeral\":false,\"reusable\":false,\"expiration\":\"" + expiration + "\",\"aclTags\":[\"tag:ci\"]}",
                Map.of())).get("preAuthKey");
        assertThat(tagOnly.get("user").isNull()).isTrue();
        assertThat(tagOnly.get("aclTags")).extracting(JsonNode::asText).containsExactly("tag:ci");

        JsonNode all = ok(request("GET", "v1/preauthkey")).get("preAuthKeys");
        assertThat(all).extracting(k -> k.get("id").asText()).containsExactly(owned.get("id").asText(), tagOnly.get("id").asText());
        assertThat(all.get(1).get("key").asText()).endsWith("-***");
        assertThat(ok(request("GET", "v1/preauthkey", null, Map.of("user", aliceId))).get("preAuthKeys"))
                .extracting(k -> k.get("id").asText()).containsExactly(owned.get("id").asText());

        ok(request("POST", "v1/preauthkey/expire", "{\"id\":\"" + owned.get("id").asText() + "\"}", Map.of()));
        JsonNode expired = ok(request("GET", "v1/preauthkey")).get("preAuthKeys").get(0);
        assertThat(Instant.parse(expired.get("expiration").asText())).isBeforeOrEqualTo(Instant.now());
        // Neither a user nor tags: refused, clearly, and nothing is created.
        RunningServer.Reply neither = request("POST", "v1/preauthkey",
                "{\"ephemeral\":false,\"reusable\":false,\"expiration\":\"" + expiration + "\"}", Map.of());
        assertThat(neither.status()).isEqualTo(400);
        assertThat(neither.json().get("message").asText()).contains("needs a user or tags");
        assertThat(ok(request("GET", "v1/preauthkey")).get("preAuthKeys")).hasSize(2);

        // A node joining with the tag-only key is owned by its tags: Headscale 0.28's tagged-devices.
        ProtocolNode runner = tool.joinWithKey(tagOnly.get("key").asText(), "ci-runner");
        runner.close();
        JsonNode node = nodeNamed("ci-runner");
        assertThat(node.get("tags")).extracting(JsonNode::asText).containsExactly("tag:ci");
        assertThat(node.get("user").get("name").asText()).isEqualTo("tagged-devices");
        assertThat(node.get("user").get("id").asText()).isEqualTo("2147455555");
        assertThat(node.get("preAuthKey").get("user").isNull()).isTrue();
        assertThat(node.get("registerMethod").asText()).isEqualTo("REGISTER_METHOD_AUTH_KEY");
    }

    @Test
    @Order(5)
    void aPendingLoginIsRegisteredAndTheAnswerIsTheNode() throws Exception {
        ToolServer.PendingLogin login = tool.pendingLogin("laptop");
        // nodes.ts register: user and key as both query string and body.
        String query = "?user=alice&key=" + login.authId();
        JsonNode node = ok(request("POST", "v1/node/register" + query,
                "{\"user\":\"alice\",\"key\":\"" + login.authId() + "\"}", Map.of())).get("node");
        cliNodeId = node.get("id").asText();
        assertThat(node.get("name").asText()).isEqualTo("laptop");
        assertThat(node.get("givenName").asText()).isEqualTo("laptop");
        assertThat(node.get("user").get("name").asText()).isEqualTo("alice");
        assertThat(node.get("ipAddresses")).hasSize(2);
        assertThat(node.get("registerMethod").asText()).isEqualTo("REGISTER_METHOD_CLI");
        assertThat(node.get("tags")).isEmpty();

        // The client's follow-up is answered from the decision made.
        com.fasterxml.jackson.databind.node.ObjectNode followup =
                (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolNode.JSON.readTree(login.node().registerBody(null, "laptop"));
        followup.put("Followup", "http://127.0.0.1/register/" + login.authId());
        JsonNode answer = login.node().postAsync("/machine/register", followup.toString())
                .get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
        assertThat(answer.get("MachineAuthorized").asBoolean()).isTrue();

        RunningServer.Reply stale = request("POST", "v1/node/register" + query,
                "{\"user\":\"alice\",\"key\":\"" + login.authId() + "\"}", Map.of());
        assertThat(stale.status()).isEqualTo(404);
        assertThat(stale.json().get("message").asText()).contains("no pending auth session");
        assertThat(ok(request("GET", "v1/node")).get("nodes")).hasSize(2);
    }

    @Test
    @Order(6)
    void aNodeWithItsStreamOpenIsOnlineWithItsDiscoKeyAndLastSeen() throws Exception {
        ToolServer.PendingLogin login = tool.pendingLogin("desk");
        ok(request("POST", "v1/node/register?user=alice&key=" + login.authId(),
                "{\"user\":\"alice\",\"key\":\"" + login.authId() + "\"}", Map.of()));
        String disco = ToolServer.randomDiscoKey();
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        ProtocolNode.MapStream stream = ToolServer.stream(login.node(), disco);
        JsonNode desk = awaitNode("desk", n -> n.get("online").asBoolean() && n.get("discoKey").asText().equals(disco)
                && !n.get("lastSeen").isNull());
        assertThat(Instant.parse(desk.get("lastSeen").asText())).isAfterOrEqualTo(before.minusSeconds(1));
        JsonNode got = ok(request("GET", "v1/node/" + desk.get("id").asText())).get("node");
        assertThat(got.get("discoKey").asText()).isEqualTo(disco);
        assertThat(got.get("lastSeen").asText()).isEqualTo(desk.get("lastSeen").asText());
        stream.cancel();
        login.node().close();
    }

    @Test
    @Order(7)
    void aNodeIsTaggedRenamedGivenRoutesExpiredAndDeleted() throws Exception {
        JsonNode tagged = ok(request("POST", "v1/node/" + cliNodeId + "/tags", "{\"tags\":[\"tag:ci\"]}", Map.of())).get("node");
        assertThat(tagged.get("tags")).extracting(JsonNode::asText).containsExactly("tag:ci");
        assertThat(ok(request("GET", "v1/node/" + cliNodeId)).get("node").get("user").get("name").asText())
                .isEqualTo("tagged-devices");

        ok(request("POST", "v1/node/" + cliNodeId + "/rename/" + URLEncoder.encode("build-01", StandardCharsets.UTF_8)));
        assertThat(ok(request("GET", "v1/node/" + cliNodeId)).get("node").get("givenName").asText()).isEqualTo("build-01");
        assertThat(request("POST", "v1/node/" + cliNodeId + "/rename/" + URLEncoder.encode("Not A Name!", StandardCharsets.UTF_8))
                .status()).isEqualTo(400);

        ok(request("POST", "v1/node/" + cliNodeId + "/approve_routes", "{\"routes\":[]}", Map.of()));
        assertThat(ok(request("GET", "v1/node/" + cliNodeId)).get("node").get("approvedRoutes")).isEmpty();

        // nodes.ts expire: POST without a body.
        ok(request("POST", "v1/node/" + cliNodeId + "/expire"));
        assertThat(Instant.parse(ok(request("GET", "v1/node/" + cliNodeId)).get("node").get("expiry").asText()))
                .isBeforeOrEqualTo(Instant.now());

        ok(request("DELETE", "v1/node/" + cliNodeId));
        assertThat(request("GET", "v1/node/" + cliNodeId).status()).isEqualTo(404);
    }

    @Test
    @Order(8)
    void theApiKeyInUseIsFoundAsTheLoginPageFindsItAndShowsWhenItWasLastSeen() throws Exception {
        JsonNode keys = ok(request("GET", "v1/apikey")).get("apiKeys");
        assertThat(keys).hasSize(1);
        // auth/login/action.ts: the key whose prefix, asterisks removed, starts the key given, unexpired.
        assertThat(tool.apiKey).startsWith(keys.get(0).get("prefix").asText().replace("*", ""));
        assertThat(Instant.parse(keys.get(0).get("expiration").asText())).isAfter(Instant.now());
        assertThat(Instant.parse(keys.get(0).get("lastSeen").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(keys.get(0).get("prefix").asText()).isEqualTo("hskey-api-" + tool.apiKey.substring(10, 22) + "-***");
    }

    private JsonNode nodeNamed(String name) throws Exception {
        for (JsonNode node : ok(request("GET", "v1/node")).get("nodes")) {
            if (node.get("name").asText().equals(name)) {
                return node;
            }
        }
        throw new AssertionError("no node " + name);
    }

    /** Polls the node list, as Headplane's pages do, until the node shows what its client reported. */
    private JsonNode awaitNode(String name, java.util.function.Predicate<JsonNode> shown) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ProtocolNode.WAIT_SECONDS);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = nodeNamed(name);
            if (shown.test(last)) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("node " + name + " never showed it: " + last);
    }

    private static String json(Map<String, String> fields) {
        return ProtocolNode.JSON.valueToTree(fields).toString();
    }
}
