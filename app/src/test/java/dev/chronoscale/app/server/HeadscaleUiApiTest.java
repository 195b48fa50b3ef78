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
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * headscale-ui (github.com/gurucomputing/headscale-ui, src/lib/common/apiFunctions.svelte) against a real server:
 * each request as the browser's fetch sends it (Accept and Authorization only; a string body goes with the
 * browser's {@code Content-Type: text/plain;charset=UTF-8}), the fields its pages read, and the {@code message} it
 * shows when a request fails.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HeadscaleUiApiTest {

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

    private RunningServer.Reply fetch(String method, String path, String body) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        headers.put("Authorization", "Bearer " + tool.apiKey);
        if (body != null) {
            headers.put("Content-Type", "text/plain;charset=UTF-8");
        }
        return tool.server.request(method, path, body, headers);
    }

    private static JsonNode ok(RunningServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    /** What the page's alert shows: {@code JSON.parse(text).message}. */
    private static String alert(RunningServer.Reply reply) {
        assertThat(reply.status()).isGreaterThanOrEqualTo(400);
        return reply.json().get("message").asText();
    }

    @Test
    @Order(1)
    void usersAreCreatedRenamedAndListed() throws Exception {
        ok(fetch("POST", "/api/v1/user", "{\"name\":\"carol\"}"));
        JsonNode users = ok(fetch("GET", "/api/v1/user", null)).get("users");
        assertThat(users).hasSize(1);
        userId = users.get(0).get("id").asText();
        assertThat(users.get(0).get("name").asText()).isEqualTo("carol");
        assertThat(users.get(0).get("email").isTextual()).isTrue();
        assertThat(Instant.parse(users.get(0).get("createdAt").asText())).isBeforeOrEqualTo(Instant.now());

        ok(fetch("POST", "/api/v1/user/" + userId + "/rename/carol2", null));
        assertThat(ok(fetch("GET", "/api/v1/user", null)).get("users").get(0).get("name").asText()).isEqualTo("carol2");
        assertThat(alert(fetch("POST", "/api/v1/user", "{\"name\":\"carol2\"}"))).contains("already in use");
        ok(fetch("POST", "/api/v1/user/" + userId + "/rename/carol", null));
    }

    @Test
    @Order(2)
    void preAuthKeysOfAUserAreCreatedListedAndExpiredByUserAndKey() throws Exception {
        String expiry = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MILLIS).toString();
        ok(fetch("POST", "/api/v1/preauthkey", "{\"user\":\"" + userId + "\",\"expiration\":\"" + expiry
                + "\",\"reusable\":false,\"ephemeral\":false}"));
        JsonNode keys = ok(fetch("GET", "/api/v1/preauthkey?user=" + userId, null)).get("preAuthKeys");
        assertThat(keys).hasSize(1);
        JsonNode key = keys.get(0);
        assertThat(key.get("used").asBoolean()).isFalse();
        assertThat(key.get("reusable").asBoolean()).isFalse();
        assertThat(Instant.parse(key.get("expiration").asText())).isAfter(Instant.now());

        // PreAuthKeys.svelte expires with the user's id and the key as the list shows it (Headscale 0.26's request).
        String otherUser = ok(fetch("POST", "/api/v1/user", "{\"name\":\"dave\"}")).get("user").get("id").asText();
        assertThat(alert(fetch("POST", "/api/v1/preauthkey/expire",
                "{\"user\":\"" + otherUser + "\",\"key\":\"" + key.get("key").asText() + "\"}"))).contains("preauth key does not belong to user " + otherUser);
        assertThat(alert(fetch("POST", "/api/v1/preauthkey/expire", "{\"user\":\"" + userId + "\",\"key\":\"nonsense\"}")))
                .contains("pre-auth key 'nonsense' not found");
        assertThat(Instant.parse(ok(fetch("GET", "/api/v1/preauthkey?user=" + userId, null)).get("preAuthKeys").get(0)
                .get("expiration").asText())).isAfter(Instant.now());

        ok(fetch("POST", "/api/v1/preauthkey/expire", "{\"user\":\"" + userId + "\",\"key\":\"" + key.get("key").asText() + "\"}"));
        assertThat(Instant.parse(ok(fetch("GET", "/api/v1/preauthkey?user=" + userId, null)).get("preAuthKeys").get(0)
                .get("expiration").asText())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    @Order(3)
    void aDeviceIsRegisteredWithTheKeyItShowsAndAppearsWithWhatTheCardsRead() throws Exception {
        ToolServer.PendingLogin login = tool.pendingLogin("kitchen");
        // CreateDevice.svelte: the user's name and the key, as query parameters, no body.
        ok(fetch("POST", "/api/v1/node/register?user=carol&key=" + login.authId(), null));
        ProtocolNode.MapStream stream = ToolServer.stream(login.node(), ToolServer.randomDiscoKey());

        // The session is recorded as the node's stream opens; the page is reloaded until it shows.
        JsonNode device = firstDeviceOnceSeen();
        deviceId = device.get("id").asText();
        assertThat(device.get("name").asText()).isEqualTo("kitchen");
        assertThat(device.get("givenName").asText()).isEqualTo("kitchen");
        assertThat(device.get("ipAddresses")).hasSize(2);
        assertThat(device.get("user").get("name").asText()).isEqualTo("carol");
        assertThat(device.get("user").get("id").asText()).isEqualTo(userId);
        assertThat(device.get("tags").isArray()).isTrue();
        assertThat(device.get("approvedRoutes").isArray()).isTrue();
        assertThat(device.get("availableRoutes").isArray()).isTrue();
        assertThat(device.get("subnetRoutes").isArray()).isTrue();
        // DeviceCard.svelte: new Date(device.lastSeen) for its badge and tooltip.
        assertThat(Instant.parse(device.get("lastSeen").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(device.get("online").asBoolean()).isTrue();
        stream.cancel();

        assertThat(alert(fetch("POST", "/api/v1/node/register?user=carol&key=hskey-authreq-AAAAAAAAAAAAAAAAAAAAAAAA", null)))
                .contains("no pending auth session");
        assertThat(alert(fetch("POST", "/api/v1/node/register?user=nobody&key=" + login.authId(), null))).contains("nobody");
    }

    private JsonNode firstDeviceOnceSeen() throws Exception {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(ProtocolNode.WAIT_SECONDS);
        JsonNode device = null;
        while (System.nanoTime() < deadline) {
            device = ok(fetch("GET", "/api/v1/node", null)).get("nodes").get(0);
            if (!device.get("lastSeen").isNull()) {
                return device;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the device was never seen: " + device);
    }

    @Test
    @Order(4)
    void aDeviceIsTaggedRenamedRoutedAndRemoved() throws Exception {
        ok(fetch("POST", "/api/v1/node/" + deviceId + "/tags", "{\"tags\":[\"tag:kitchen\"]}"));
        JsonNode device = ok(fetch("GET", "/api/v1/node", null)).get("nodes").get(0);
        assertThat(device.get("tags")).extracting(JsonNode::asText).containsExactly("tag:kitchen");
        // Headscale 0.26 tools read forcedTags.
        assertThat(device.get("forcedTags")).extracting(JsonNode::asText).containsExactly("tag:kitchen");

        ok(fetch("POST", "/api/v1/node/" + deviceId + "/rename/fridge", null));
        assertThat(ok(fetch("GET", "/api/v1/node", null)).get("nodes").get(0).get("givenName").asText()).isEqualTo("fridge");

        ok(fetch("POST", "/api/v1/node/" + deviceId + "/approve_routes", "{\"routes\":[]}"));
        assertThat(alert(fetch("POST", "/api/v1/node/" + deviceId + "/approve_routes", "{\"routes\":[\"10.0.0.300/24\"]}")))
                .isNotBlank();

        ok(fetch("DELETE", "/api/v1/node/" + deviceId, null));
        assertThat(ok(fetch("GET", "/api/v1/node", null)).get("nodes")).isEmpty();
        ok(fetch("DELETE", "/api/v1/user/" + userId, null));
    }

    @Test
    @Order(5)
    void anApiKeyIsCreatedListedAndExpiredByThePrefixTheListShows() throws Exception {
        String expiration = Instant.now().plus(90, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS).toString();
        String created = ok(fetch("POST", "/api/v1/apikey", "{\"expiration\":\"" + expiration + "\"}")).get("apiKey").asText();
        assertThat(created).startsWith("hskey-api-");
        JsonNode keys = ok(fetch("GET", "/api/v1/apikey", null)).get("apiKeys");
        assertThat(keys).hasSize(2);
        JsonNode inUse = keys.get(0);
        assertThat(Instant.parse(inUse.get("lastSeen").asText())).isBeforeOrEqualTo(Instant.now());
        assertThat(keys.get(1).get("lastSeen").isNull()).isTrue();

        ok(fetch("POST", "/api/v1/apikey/expire", "{\"prefix\":\"" + keys.get(1).get("prefix").asText() + "\"}"));
        assertThat(Instant.parse(ok(fetch("GET", "/api/v1/apikey", null)).get("apiKeys").get(1).get("expiration").asText()))
                .isBeforeOrEqualTo(Instant.now());
        assertThat(tool.server.request("GET", "/api/v1/user", null, Map.of("Authorization", "Bearer " + created)).status())
                .isEqualTo(401);
    }
}
