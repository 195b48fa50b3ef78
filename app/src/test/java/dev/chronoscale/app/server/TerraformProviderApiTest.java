package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Terraform provider (github.com/awlsring/terraform-provider-headscale, internal/service over the go-swagger
 * client generated from Headscale 0.28's OpenAPI document) against a real server: bodies as its models marshal
 * them ({@code omitempty} drops false and empty fields, a time is {@code 2006-01-02T15:04:05.000Z}), and what its
 * resources read back, which the client validates as {@code date-time}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TerraformProviderApiTest {

    /** go-openapi strfmt's date-time check, which the client runs on every timestamp it reads. */
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})");

    private ToolServer tool;
    private String userId;
    private String deviceId;

    @BeforeAll
    void start() throws Exception {
        tool = ToolServer.start("");
    }

    @AfterAll
    void stop() {
        tool.close();
    }

    /** go-openapi's runtime client: JSON both ways, the token as bearer, Go's user agent. */
    private RunningServer.Reply call(String method, String path, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + tool.apiKey);
        headers.put("User-Agent", "Go-http-client/1.1");
        if (body != null) {
            headers.put("Content-Type", "application/json");
        }
        return tool.server.request(method, path, body, headers);
    }

    private static JsonNode ok(RunningServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** strfmt.DateTime as the models marshal it: UTC, milliseconds. */
    private static String dateTime(Instant instant) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC).format(instant);
    }

    private static void validDateTimes(JsonNode object, String... fields) {
        for (String field : fields) {
            JsonNode value = object.get(field);
            assertThat(value.isNull() || DATE_TIME.matcher(value.asText()).matches()).as(field + ": " + value).isTrue();
        }
    }

    @Test
    @Order(1)
    void aUserResourceIsCreatedReadRenamedAndDestroyed() throws Exception {
        JsonNode created = ok(call("POST", "/api/v1/user", "{\"displayName\":\"Erin E\",\"email\":\"erin@example.com\",\"name\":\"erin\"}"))
                .get("user");
        userId = created.get("id").asText();
        validDateTimes(created, "createdAt");
        // data source headscale_user: ListUsers with one filter, exactly one user.
        assertThat(ok(call("GET", "/api/v1/user?name=erin", null)).get("users")).hasSize(1);
        assertThat(ok(call("GET", "/api/v1/user?id=" + userId, null)).get("users").get(0).get("email").asText())
                .isEqualTo("erin@example.com");
        assertThat(ok(call("POST", "/api/v1/user/" + userId + "/rename/erin2", null)).get("user").get("name").asText())
                .isEqualTo("erin2");
        String temporary = ok(call("POST", "/api/v1/user", "{\"name\":\"temp\"}")).get("user").get("id").asText();
        ok(call("DELETE", "/api/v1/user/" + temporary, null));
        assertThat(ok(call("GET", "/api/v1/user?id=" + temporary, null)).get("users")).isEmpty();
    }

    @Test
    @Order(2)
    void preAuthKeyResourcesWithAUserAndTagsOnlyAreCreatedReadExpiredAndDeleted() throws Exception {
        String expiration = dateTime(Instant.now().plus(1, ChronoUnit.DAYS));
        // reusable and ephemeral are omitted when false; aclTags is always sent, [] when none.
        JsonNode owned = ok(call("POST", "/api/v1/preauthkey",
                "{\"aclTags\":[],\"expiration\":\"" + expiration + "\",\"user\":\"" + userId + "\"}")).get("preAuthKey");
        validDateTimes(owned, "expiration", "createdAt");
        assertThat(owned.get("user").get("id").asText()).isEqualTo(userId);
        assertThat(owned.get("reusable").asBoolean()).isFalse();
        // Issue 30: headscale_pre_auth_key.user is optional for tags-only keys.
        JsonNode tagsOnly = ok(call("POST", "/api/v1/preauthkey",
                "{\"aclTags\":[\"tag:ci\",\"tag:build\"],\"expiration\":\"" + expiration + "\",\"reusable\":true}")).get("preAuthKey");
        assertThat(tagsOnly.get("user").isNull()).isTrue();
        assertThat(tagsOnly.get("aclTags")).extracting(JsonNode::asText).containsExactlyInAnyOrder("tag:ci", "tag:build");
        assertThat(tagsOnly.get("reusable").asBoolean()).isTrue();

        // Read: the whole list, filtered by the provider on user.id.
        JsonNode listed = ok(call("GET", "/api/v1/preauthkey", null)).get("preAuthKeys");
        assertThat(listed).extracting(k -> k.get("id").asText())
                .containsExactly(owned.get("id").asText(), tagsOnly.get("id").asText());
        listed.forEach(k -> validDateTimes(k, "expiration", "createdAt"));

        ok(call("POST", "/api/v1/preauthkey/expire", "{\"id\":\"" + tagsOnly.get("id").asText() + "\"}"));
        ok(call("DELETE", "/api/v1/preauthkey?id=" + tagsOnly.get("id").asText(), null));
        assertThat(ok(call("GET", "/api/v1/preauthkey", null)).get("preAuthKeys")).extracting(k -> k.get("id").asText())
                .containsExactly(owned.get("id").asText());
        assertThat(call("DELETE", "/api/v1/preauthkey?id=" + tagsOnly.get("id").asText(), null).status()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void anApiKeyResourceIsCreatedFoundAmongTheNewKeysAndExpiredById() throws Exception {
        List<String> before = ids(ok(call("GET", "/api/v1/apikey", null)).get("apiKeys"));
        String key = ok(call("POST", "/api/v1/apikey", "{\"expiration\":\"" + dateTime(Instant.now().plus(90, ChronoUnit.DAYS)) + "\"}"))
                .get("apiKey").asText();
        assertThat(key).startsWith("hskey-api-");
        JsonNode after = ok(call("GET", "/api/v1/apikey", null)).get("apiKeys");
        after.forEach(k -> validDateTimes(k, "expiration", "createdAt", "lastSeen"));
        List<String> added = ids(after).stream().filter(id -> !before.contains(id)).toList();
        assertThat(added).hasSize(1);
        ok(call("POST", "/api/v1/apikey/expire", "{\"id\":\"" + added.get(0) + "\"}"));
        assertThat(call("GET", "/api/v1/user", null).status()).isEqualTo(200);
    }

    @Test
    @Order(4)
    void aDeviceIsRegisteredReadRenamedTaggedRoutedExpiredAndDeleted() throws Exception {
        ToolServer.PendingLogin login = tool.pendingLogin("tf-server");
        // headscale_device: RegisterNode with key and user as query parameters, and the node read from the answer.
        JsonNode node = ok(call("POST", "/api/v1/node/register?key=" + login.authId() + "&user=erin2", null)).get("node");
        deviceId = node.get("id").asText();
        validDateTimes(node, "createdAt", "expiry", "lastSeen");
        assertThat(node.get("registerMethod").asText()).isEqualTo("REGISTER_METHOD_CLI");
        assertThat(node.get("user").get("name").asText()).isEqualTo("erin2");

        JsonNode listed = ok(call("GET", "/api/v1/node?user=erin2", null)).get("nodes");
        assertThat(listed).extracting(n -> n.get("id").asText()).containsExactly(deviceId);
        assertThat(call("GET", "/api/v1/node?user=nobody", null).status()).isEqualTo(404);

        assertThat(ok(call("POST", "/api/v1/node/" + deviceId + "/rename/tf-renamed", null)).get("node").get("givenName").asText())
                .isEqualTo("tf-renamed");
        JsonNode tagged = ok(call("POST", "/api/v1/node/" + deviceId + "/tags", "{\"tags\":[\"tag:server\"]}")).get("node");
        assertThat(tagged.get("tags")).extracting(JsonNode::asText).containsExactly("tag:server");
        assertThat(call("POST", "/api/v1/node/" + deviceId + "/tags", "{\"tags\":[\"server\"]}").status()).isEqualTo(400);

        // headscale_device_subnet_routes: approve, then disable with an empty list.
        JsonNode routed = ok(call("POST", "/api/v1/node/" + deviceId + "/approve_routes", "{\"routes\":[\"10.1.0.0/24\"]}")).get("node");
        assertThat(routed.get("approvedRoutes")).extracting(JsonNode::asText).containsExactly("10.1.0.0/24");
        assertThat(ok(call("POST", "/api/v1/node/" + deviceId + "/approve_routes", "{\"routes\":[]}")).get("node")
                .get("approvedRoutes")).isEmpty();

        JsonNode expired = ok(call("POST", "/api/v1/node/" + deviceId + "/expire", null)).get("node");
        assertThat(Instant.parse(expired.get("expiry").asText())).isBeforeOrEqualTo(Instant.now());
        ok(call("DELETE", "/api/v1/node/" + deviceId, null));
        assertThat(call("GET", "/api/v1/node/" + deviceId, null).status()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void aPolicyResourceIsAppliedReadAndDestroyedWithTheEmptyPolicy() throws Exception {
        String policy = "{\"acls\":[{\"action\":\"accept\",\"src\":[\"erin@example.com\"],\"dst\":[\"*:22\"]}]}";
        JsonNode applied = ok(call("PUT", "/api/v1/policy", ProtocolNode.JSON.createObjectNode().put("policy", policy).toString()));
        validDateTimes(applied, "updatedAt");
        assertThat(ok(call("GET", "/api/v1/policy", null)).get("policy").asText()).isEqualTo(policy);

        // Destroy: SetPolicy("") marshals as {} (policy is omitempty).
        JsonNode destroyed = ok(call("PUT", "/api/v1/policy", "{}"));
        assertThat(destroyed.get("policy").asText()).isEmpty();
        validDateTimes(destroyed, "updatedAt");
        JsonNode read = ok(call("GET", "/api/v1/policy", null));
        assertThat(read.get("policy").asText()).isEmpty();
        assertThat(read.get("updatedAt").isNull()).isFalse();
        assertThat(call("PUT", "/api/v1/policy", "{\"policy\":\"{\\\"acls\\\": [\"}").status()).isEqualTo(400);
    }

    private static List<String> ids(JsonNode items) {
        List<String> ids = new java.util.ArrayList<>();
        items.forEach(item -> ids.add(item.get("id").asText()));
        return ids;
    }
}
