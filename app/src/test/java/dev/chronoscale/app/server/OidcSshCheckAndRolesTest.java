package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What follows from an OIDC login beyond the device: the token's groups claim becomes the person's identity
 * provider groups and gives them roles ({@code oidc.roles.*}) at each login, and a Tailscale SSH check is approved by the person logging in again at the
 * check's page — only by the person it asks for. A real Keycloak, real protocol clients, a scripted browser.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OidcSshCheckAndRolesTest {

    private static final AuditContext ADMIN = AuditContext.system("test");
    private static final String POLICY = """
            {
              "tagOwners": {"tag:server": ["alice@example.com"]},
              "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],
              "ssh": [
                {"action": "check", "src": ["alice@example.com"], "dst": ["tag:server"], "users": ["root"], "checkPeriod": "1h"}
              ]
            }
            """;

    private Path dir;
    private TestKeycloak keycloak;
    private RunningServer server;
    private ProtocolClients clients;
    private String serverUrl;
    private String apiKey;
    private long aliceId;
    private long laptopId;
    private long serverId;
    private ProtocolNode serverNode;
    private String holdTemplate;

    @BeforeAll
    void start() throws Exception {
        keycloak = TestKeycloak.shared();
        dir = Files.createTempDirectory("chronoscale-oidc-ssh");
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, TestKeycloak.CLIENT_SECRET + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        serverUrl = "http://127.0.0.1:" + port;
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:" + port + "\nserver_url: " + serverUrl + "\n"
                + "metrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\n"
                + "oidc:\n  issuer: " + keycloak.issuer() + "\n  client_id: " + TestKeycloak.CLIENT_ID + "\n"
                + "  client_secret_path: " + secret + "\n"
                + "  roles:\n    admin: [\"/chronoscale-admins\"]\n    network_admin: [\"/ops\"]\n");
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.DAYS), ADMIN);
    }

    @AfterAll
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void aLoginGivesThePersonTheRolesAndGroupsOfTheirToken() throws Exception {
        ProtocolNode laptop = clients.connect(ProtocolNode.randomNodeKey());
        laptopId = logIn(laptop, "alice-laptop", "alice");
        JsonNode alice = user("alice");
        aliceId = alice.get("id").asLong();
        assertThat(texts(alice.get("idp_roles"))).containsExactlyInAnyOrder("admin", "network-admin");
        assertThat(texts(alice.get("roles"))).containsExactlyInAnyOrder("admin", "network-admin");

        CliRun groups = server.cli("users", "groups", "-n", "alice", "-o", "json");
        assertThat(groups.status()).as(groups.err()).isZero();
        assertThat(texts(ProtocolNode.JSON.readTree(groups.out()).get("idpGroups")))
                .as("the token's groups claim, recorded at the login").containsExactly("/chronoscale-admins", "/ops");

        ProtocolNode bobLaptop = clients.connect(ProtocolNode.randomNodeKey());
        logIn(bobLaptop, "bob-laptop", "bob");
        JsonNode bob = user("bob");
        assertThat(texts(bob.get("roles"))).as("bob's /contractors maps to no role").isEmpty();
    }

    @Test
    @Order(2)
    void anSshCheckIsApprovedByThePersonItAsksForLoggingInAgain() throws Exception {
        serverNode = clients.connect(ProtocolNode.randomNodeKey());
        String key = server.bean(PreAuthKeyAdmin.class).create(Optional.of(aliceId), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of("tag:server"), ADMIN).text();
        assertThat(serverNode.register(serverNode.registerBody(key, "server")).get("MachineAuthorized").asBoolean()).isTrue();
        RunningServer.Reply policy = server.send("PUT", "/api/v1/policy",
                ProtocolNode.JSON.createObjectNode().put("policy", POLICY).toString(), Optional.of(apiKey));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
        ProtocolNode.MapStream stream = serverNode.openMapStream(serverNode.mapStreamBody());
        JsonNode map = stream.next(m -> m.has("SSHPolicy") && m.get("SSHPolicy").path("rules").size() == 1, "the SSH policy");
        serverId = map.get("Node").get("ID").asLong();
        stream.cancel();
        holdTemplate = map.get("SSHPolicy").get("rules").get(0).get("action").get("holdAndDelegate").asText();

        JsonNode held = ok(serverNode.get(expand(holdTemplate, "root")));
        Matcher page = Pattern.compile(Pattern.quote(serverUrl) + "/ssh/check/(hskey-authreq-[A-Za-z0-9_-]{24})")
                .matcher(held.path("message").asText());
        assertThat(page.find()).as(held.toString()).isTrue();
        String id = page.group(1);
        CompletableFuture<ProtocolNode.Reply> followUp = serverNode.getAsync(expand(held.get("holdAndDelegate").asText(), "root"));

        RunningServer.Reply checkPage = server.send("GET", "/ssh/check/" + id, null, Optional.empty());
        assertThat(checkPage.body()).contains("href=\"" + serverUrl + "/ssh/check/" + id + "/login\"");

        ScriptedBrowser.Page asBob = new ScriptedBrowser().logIn(URI.create(serverUrl + "/ssh/check/" + id + "/login"),
                "bob", "bob-password");
        assertThat(asBob.status()).as(asBob.body()).isEqualTo(403);
        assertThat(asBob.body()).contains("SSH check not approved");
        Thread.sleep(200);
        assertThat(followUp).as("bob does not own the session's source node: still held").isNotDone();

        ScriptedBrowser.Page asAlice = new ScriptedBrowser().logIn(URI.create(serverUrl + "/ssh/check/" + id + "/login"),
                "alice", "alice-password");
        assertThat(asAlice.status()).as(asAlice.body()).isEqualTo(200);
        assertThat(asAlice.body()).contains("SSH check approved");
        JsonNode answer = ok(followUp.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(answer.get("accept").asBoolean()).isTrue();

        String subject = keycloak.issuer() + "/" + keycloak.adminGet("users?exact=true&username=alice").get(0).get("id").asText();
        JsonNode record = approvalRecord(id);
        assertThat(record.get("actor").get("type").asText()).isEqualTo("OIDC");
        assertThat(record.get("actor").get("id").asText()).isEqualTo(subject);
        assertThat(record.get("details").get("sourceNodeId").asLong()).isEqualTo(laptopId);

        // The same link again: the check is decided; the page says so and nothing more is recorded.
        ScriptedBrowser.Page again = new ScriptedBrowser().logIn(URI.create(serverUrl + "/ssh/check/" + id + "/login"),
                "alice", "alice-password");
        assertThat(again.status()).isEqualTo(409);
    }

    private long logIn(ProtocolNode node, String hostname, String person) throws Exception {
        String authUrl = node.register(node.registerBody(null, hostname)).get("AuthURL").asText();
        ObjectNode followup = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, hostname));
        followup.put("Followup", authUrl);
        CompletableFuture<ProtocolNode.Reply> waiting = node.postAsync("/machine/register", followup.toString());
        ScriptedBrowser.Page page = new ScriptedBrowser().logIn(URI.create(authUrl), person, person + "-password");
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        assertThat(waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("MachineAuthorized").asBoolean()).isTrue();
        ProtocolNode.MapStream stream = node.openMapStream(node.mapStreamBody());
        try {
            return stream.first().get("Node").get("ID").asLong();
        } finally {
            stream.cancel();
        }
    }

    private JsonNode approvalRecord(String checkId) throws Exception {
        for (int i = 0; i < 200; i++) {
            RunningServer.Reply reply = server.send("GET", "/api/v1/audit/log?action=ssh.check_approved&limit=100", null,
                    Optional.of(apiKey));
            for (JsonNode record : reply.json().get("records")) {
                if (record.path("details").path("checkId").asText().equals(checkId)) {
                    return record;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no ssh.check_approved record for " + checkId);
    }

    private String expand(String holdAndDelegate, String localUser) {
        URI uri = URI.create(holdAndDelegate.replace("$SRC_NODE_ID", Long.toString(laptopId))
                .replace("$DST_NODE_ID", Long.toString(serverId))
                .replace("$LOCAL_USER", URLEncoder.encode(localUser, StandardCharsets.UTF_8)));
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static JsonNode ok(ProtocolNode.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private JsonNode user(String name) throws Exception {
        CliRun list = server.cli("users", "list", "-n", name, "-o", "json");
        assertThat(list.status()).as(list.err()).isZero();
        return ProtocolNode.JSON.readTree(list.out()).get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(v -> out.add(v.asText()));
        }
        return out;
    }
}
