package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OIDC login for devices against a real Keycloak: a protocol client registers without a key, the scripted browser
 * follows the URL it was given and logs in, and the client's waiting follow-up gets its node. Run on H2 and on
 * PostgreSQL by the subclasses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class OidcLoginContract {

    private static final AuditContext ADMIN = AuditContext.system("test");

    private Path dir;
    private TestKeycloak keycloak;
    private RunningServer server;
    private ProtocolClients clients;
    private String yaml;
    private String apiKey;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        keycloak = TestKeycloak.shared();
        dir = Files.createTempDirectory("chronoscale-oidc");
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, TestKeycloak.CLIENT_SECRET + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        yaml = "listen_addr: 127.0.0.1:" + port + "\nserver_url: http://127.0.0.1:" + port + "\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "oidc:\n  issuer: " + keycloak.issuer() + "\n  client_id: " + TestKeycloak.CLIENT_ID + "\n"
                + "  client_secret_path: " + secret + "\n"
                + "  allowed_groups: [/ops, /auditors, /chronoscale-admins]\n"
                + "  allowed_domains: [example.com, example.org]\n"
                + "  pkce:\n    enabled: true\n    method: S256\n"
                + databaseYaml();
        startServer();
    }

    private void startServer() throws Exception {
        server = RunningServer.start(dir, yaml);
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        apiKey = null;
    }

    /** Also called by the PostgreSQL subclass first, so that the server stops while its database is still up. */
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
    void aPersonLogsInThroughKeycloakAndTheirDeviceJoins() throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, "alice-laptop")).get("AuthURL").asText();
        assertThat(authUrl).contains("/register/hskey-authreq-");
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(node, "alice-laptop", authUrl);

        ScriptedBrowser browser = new ScriptedBrowser();
        ScriptedBrowser.Page page = browser.logIn(URI.create(authUrl), "alice", "alice-password");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(page.url().getPath()).isEqualTo("/oidc/callback");
        assertThat(page.body()).contains("Logged in").contains("registered as alice");

        JsonNode joined = waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
        assertThat(joined.get("MachineAuthorized").asBoolean()).as(joined.toString()).isTrue();
        assertThat(joined.get("Login").get("LoginName").asText()).isEqualTo("alice@example.com");
        long userId = joined.get("User").get("ID").asLong();

        JsonNode user = user("alice");
        assertThat(user.get("id").asLong()).isEqualTo(userId);
        assertThat(user.get("email").asText()).isEqualTo("alice@example.com");
        JsonNode created = storedEvent("user:" + userId, "UserCreated");
        String subject = keycloak.issuer() + "/" + keycloak.adminGet("users?exact=true&username=alice").get(0).get("id").asText();
        assertThat(created.get("payload").get("providerIdentifier").asText()).isEqualTo(subject);
        assertThat(user.get("providerId").asText()).as("Headscale's providerId").isEqualTo(subject);
        assertThat(user.get("provider").asText()).isEqualTo("oidc");
        assertThat(created.get("meta").get("actorType").asText()).isEqualTo("OIDC");
        assertThat(created.get("meta").get("actorId").asText()).isEqualTo(subject);

        CliRun nodes = server.cli("nodes", "list", "-o", "json");
        assertThat(nodes.status()).as(nodes.err()).isZero();
        JsonNode listed = ProtocolNode.JSON.readTree(nodes.out());
        JsonNode laptop = null;
        for (JsonNode n : listed) {
            if (n.get("given_name").asText().equals("alice-laptop")) {
                laptop = n;
            }
        }
        assertThat(laptop).as(nodes.out()).isNotNull();
        assertThat(laptop.get("user").get("name").asText()).isEqualTo("alice");
        // Headscale's CLI prints the protobuf enum number: 3 is REGISTER_METHOD_OIDC
        assertThat(laptop.get("register_method").asInt()).isEqualTo(3);
        JsonNode registered = storedEvent("node:" + laptop.get("id").asText(), "NodeRegistered");
        assertThat(registered.get("meta").get("actorType").asText()).isEqualTo("OIDC");
        assertThat(registered.get("meta").get("actorId").asText()).isEqualTo(subject);

        // The callback's URL again (the browser's back button, or someone who saw it): the state was used.
        ScriptedBrowser.Page replayed = browser.open(page.url());
        assertThat(replayed.status()).isEqualTo(400);
        assertThat(replayed.body()).contains("unknown, already used or expired").doesNotContain("Exception");

        // A second device of the same person belongs to the same user; Keycloak's session spares them the form.
        ProtocolNode phone = clients.connect(ProtocolNode.randomNodeKey());
        String phoneUrl = phone.register(phone.registerBody(null, "alice-phone")).get("AuthURL").asText();
        CompletableFuture<ProtocolNode.Reply> phoneWaiting = followUp(phone, "alice-phone", phoneUrl);
        assertThat(browser.open(URI.create(phoneUrl)).status()).isEqualTo(200);
        assertThat(phoneWaiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("User").get("ID").asLong())
                .isEqualTo(userId);
        assertThat(events("user:" + userId, "UserProfileChanged")).as("nothing about alice changed").isZero();
    }

    @Test
    @Order(2)
    void aChangedEmailInKeycloakUpdatesTheUserAtTheNextLogin() throws Exception {
        // The Keycloak is shared by every test class of the JVM: this class's own person.
        String erin = "erin-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(erin, erin + "@example.com", true, "/ops");
        assertThat(logInDevice("erin-laptop", erin).get("MachineAuthorized").asBoolean()).isTrue();
        long erinId = user(erin).get("id").asLong();
        keycloak.changeEmail(erin, erin + ".new@example.com");

        JsonNode again = logInDevice("erin-phone", erin);
        assertThat(again.get("User").get("ID").asLong()).isEqualTo(erinId);
        assertThat(user(erin).get("email").asText()).isEqualTo(erin + ".new@example.com");
        JsonNode changed = storedEvent("user:" + erinId, "UserProfileChanged");
        assertThat(changed.get("payload").get("email").asText()).isEqualTo(erin + ".new@example.com");
        assertThat(changed.get("meta").get("actorType").asText()).isEqualTo("OIDC");
    }

    @Test
    @Order(3)
    void peopleOutsideTheAllowedGroupsOrWithAnUnverifiedEmailAreRefused() throws Exception {
        int nodesBefore = nodeCount();
        // bob is only in /contractors
        refusedLogin("bob", "bob-laptop", 403, "not in any of the groups", "not_allowed_group");
        // carol is in /auditors, but her e-mail is not verified and the server admits by e-mail domain
        refusedLogin("carol", "carol-laptop", 403, "not verified", "email_not_verified");
        assertThat(nodeCount()).isEqualTo(nodesBefore);
        assertThat(server.send("GET", "/api/v1/user?name=bob", null, Optional.of(apiKey())).body()).doesNotContain("\"bob\"");
    }

    @Test
    @Order(4)
    void aForgedStateIsRefusedAndRecorded() throws Exception {
        int nodesBefore = nodeCount();
        ScriptedBrowser.Page forged = new ScriptedBrowser().open(URI.create(base() + "/oidc/callback?state=forged-state&code=x"));
        assertThat(forged.status()).isEqualTo(400);
        assertThat(forged.body()).contains("Login refused").contains("unknown, already used or expired");
        assertThat(nodeCount()).isEqualTo(nodesBefore);
        assertThat(refusalReasons()).contains("bad_state");
    }

    @Test
    @Order(5)
    void theAdministratorCanStillApproveALoginByCli() throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, "by-cli")).get("AuthURL").asText();
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(node, "by-cli", authUrl);
        CliRun approved = server.cli("auth", "register", "--auth-id", authUrl.substring(authUrl.lastIndexOf('/') + 1),
                "--user", "alice");
        assertThat(approved.status()).as(approved.err()).isZero();
        assertThat(waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("MachineAuthorized").asBoolean()).isTrue();
    }

    @Test
    @Order(6)
    void anExpiredNodeLogsInAgainThroughTheProviderWithANewNodeKey() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        String firstKey = ProtocolNode.randomNodeKey();
        ProtocolNode node = clients.connect(machine, firstKey);
        String authUrl = node.register(node.registerBody(null, "alice-desktop")).get("AuthURL").asText();
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(node, "alice-desktop", authUrl);
        ScriptedBrowser browser = new ScriptedBrowser();
        assertThat(browser.logIn(URI.create(authUrl), "alice", "alice-password").status()).isEqualTo(200);
        assertThat(waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("MachineAuthorized").asBoolean()).isTrue();
        long nodeId = nodeIdOf("alice-desktop");
        assertThat(server.send("POST", "/api/v1/node/" + nodeId + "/expire", null, Optional.of(apiKey())).status()).isEqualTo(200);
        assertThat(node.register(node.registerBody(null, "alice-desktop")).get("NodeKeyExpired").asBoolean()).isTrue();

        // As the client does after expiry: a new node key, the old one named, no auth key.
        String secondKey = ProtocolNode.randomNodeKey();
        ProtocolNode renewed = clients.connect(machine, secondKey);
        ObjectNode again = (ObjectNode) ProtocolNode.JSON.readTree(renewed.registerBody(null, "alice-desktop"));
        again.put("OldNodeKey", firstKey);
        String reloginUrl = renewed.register(again.toString()).get("AuthURL").asText();
        assertThat(reloginUrl).contains("/register/hskey-authreq-");
        again.put("Followup", reloginUrl);
        CompletableFuture<ProtocolNode.Reply> relogin = renewed.postAsync("/machine/register", again.toString());
        assertThat(browser.open(URI.create(reloginUrl)).status()).isEqualTo(200);
        assertThat(relogin.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("MachineAuthorized").asBoolean()).isTrue();
        JsonNode renewedNode = server.send("GET", "/api/v1/node/" + nodeId, null, Optional.of(apiKey())).json().get("node");
        assertThat(renewedNode.get("nodeKey").asText()).isEqualTo(secondKey);
        assertThat(nodeIdOf("alice-desktop")).as("the same node, not a second one").isEqualTo(nodeId);
        assertThat(storedEvent("node:" + nodeId, "NodeKeyRotated").get("meta").get("actorType").asText()).isEqualTo("OIDC");
    }

    private long nodeIdOf(String givenName) throws Exception {
        long found = -1;
        int count = 0;
        for (JsonNode n : server.send("GET", "/api/v1/node", null, Optional.of(apiKey())).json().get("nodes")) {
            if (n.get("givenName").asText().equals(givenName)) {
                found = n.get("id").asLong();
                count++;
            }
        }
        assertThat(count).as("nodes named " + givenName).isEqualTo(1);
        return found;
    }

    @Test
    @Order(7)
    void aLoginBegunBeforeARestartCompletesAfterIt() throws Exception {
        NoiseKeyPair machine = NoiseKeyPair.generate();
        String nodeKey = ProtocolNode.randomNodeKey();
        ProtocolNode before = clients.connect(machine, nodeKey);
        String authUrl = before.register(before.registerBody(null, "survivor")).get("AuthURL").asText();
        stop();
        startServer();

        ProtocolNode after = clients.connect(machine, nodeKey);
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(after, "survivor", authUrl);
        ScriptedBrowser.Page page = new ScriptedBrowser().logIn(URI.create(authUrl), "dave", "dave-password");
        // dave is in /ops/oncall, not /ops itself: allowed_groups names groups exactly, as Headscale's does
        assertThat(page.status()).isEqualTo(403);
        page = new ScriptedBrowser().logIn(URI.create(authUrl), "alice", "alice-password");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode joined = waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
        assertThat(joined.get("MachineAuthorized").asBoolean()).as(joined.toString()).isTrue();
        assertThat(joined.get("User").get("ID").asLong()).isEqualTo(user("alice").get("id").asLong());
    }

    private JsonNode logInDevice(String hostname, String username) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, hostname)).get("AuthURL").asText();
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(node, hostname, authUrl);
        ScriptedBrowser.Page page = new ScriptedBrowser().logIn(URI.create(authUrl), username, username + "-password");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        return waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
    }

    private void refusedLogin(String username, String hostname, int status, String shown, String reason) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, hostname)).get("AuthURL").asText();
        CompletableFuture<ProtocolNode.Reply> waiting = followUp(node, hostname, authUrl);
        ScriptedBrowser.Page page = new ScriptedBrowser().logIn(URI.create(authUrl), username, username + "-password");
        assertThat(page.status()).as(page.body()).isEqualTo(status);
        assertThat(page.body()).contains(shown).doesNotContain(TestKeycloak.CLIENT_SECRET).doesNotContain("Exception");
        assertThat(waiting).as("the device keeps waiting: the person may log in as someone allowed").isNotDone();
        assertThat(refusalReasons()).contains(reason);
        String authId = authUrl.substring(authUrl.lastIndexOf('/') + 1);
        assertThat(server.send("GET", "/register/" + authId, null, Optional.empty()).status()).isEqualTo(302);
    }

    private CompletableFuture<ProtocolNode.Reply> followUp(ProtocolNode node, String hostname, String authUrl) throws Exception {
        ObjectNode followup = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, hostname));
        followup.put("Followup", authUrl);
        return node.postAsync("/machine/register", followup.toString());
    }

    private List<String> refusalReasons() {
        return server.bean(JdbcTemplate.class).query("SELECT payload FROM DomainEventEntry WHERE payloadType LIKE ?",
                (row, n) -> json(row.getBytes(1)).get("reason").asText(),
                "%$LoginRefused");
    }

    private int events(String aggregate, String type) {
        return server.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                + " AND payloadType LIKE ?", Integer.class, aggregate, "%$" + type);
    }

    /** The payload and metadata of the last stored event of {@code type} on {@code aggregate}. */
    private JsonNode storedEvent(String aggregate, String type) throws Exception {
        List<JsonNode> found = server.bean(JdbcTemplate.class).query("SELECT payload, metaData FROM DomainEventEntry WHERE "
                        + "aggregateIdentifier = ? AND payloadType LIKE ? ORDER BY globalIndex DESC", (row, n) -> {
                    ObjectNode both = ProtocolNode.JSON.createObjectNode();
                    both.set("payload", json(row.getBytes(1)));
                    both.set("meta", json(row.getBytes(2)));
                    return both;
                }, aggregate, "%$" + type);
        assertThat(found).as("a stored " + type + " of " + aggregate).isNotEmpty();
        return found.get(0);
    }

    private static JsonNode json(byte[] stored) {
        try {
            return ProtocolNode.JSON.readTree(new String(stored, StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private JsonNode user(String name) throws Exception {
        JsonNode users = server.send("GET", "/api/v1/user?name=" + name, null, Optional.of(apiKey())).json().get("users");
        assertThat(users).as("user " + name).hasSize(1);
        return users.get(0);
    }

    private int nodeCount() throws Exception {
        return server.send("GET", "/api/v1/node", null, Optional.of(apiKey())).json().get("nodes").size();
    }

    private String base() {
        return "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort();
    }

    private String apiKey() {
        if (apiKey == null) {
            apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
        }
        return apiKey;
    }
}
