package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.sshcheck.SshCheckDecisions;
import dev.chronoscale.inventory.InventoryViews.UserView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tailscale SSH check mode against a real server: a destination node asks the check route over its Noise
 * connection exactly as tailssh does (the HoldAndDelegate URL from its map, placeholders filled in as
 * {@code expandDelegateURLLocked} fills them, a GET with no body), is held, and is answered once an administrator
 * decides by CLI; the server's clock is moved past the rule's checkPeriod rather than waited for. Subclasses choose
 * the database the checks are stored in.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SshCheckContract {

    private static final AuditContext ADMIN = AuditContext.system("test");
    private static final String SERVER_URL = "https://control.example.com";
    /** The HoldAndDelegate of check rules in Tailscale's own SSH policies (conformance capture ssh_results/ssh-f2), after its host. */
    private static final String CAPTURED_HOLD = "/machine/ssh/action/$SRC_NODE_ID/to/$DST_NODE_ID?local_user=$LOCAL_USER";
    private static final Pattern CHECK_PAGE = Pattern.compile(Pattern.quote(SERVER_URL) + "/ssh/check/(hskey-authreq-[A-Za-z0-9_-]{24})");
    private static final String POLICY = """
            {
              "tagOwners": {"tag:server": ["alice@example.com"]},
              "acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}],
              "ssh": [
                {"action": "check", "src": ["alice@example.com"], "dst": ["tag:server"], "users": ["root"], "checkPeriod": "1h"},
                {"action": "check", "src": ["alice@example.com"], "dst": ["tag:server"], "users": ["ops"], "checkPeriod": "always"},
                {"action": "accept", "src": ["alice@example.com"], "dst": ["tag:server"], "users": ["deploy"]}
              ]
            }
            """;

    private final MovableClock clock = new MovableClock();
    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private UserView alice;
    private UserView bob;
    private String apiKey;
    private ProtocolNode laptop;
    private ProtocolNode serverNode;
    private ProtocolNode bobLaptop;
    private long laptopId;
    private long serverId;
    private long bobLaptopId;
    private String holdTemplate;

    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-sshcheck");
        server = RunningServer.start(dir, "server_url: " + SERVER_URL + "\nlisten_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n" + "dns:\n  base_domain: tail.example\n" + databaseYaml(),
                Map.of(), Optional.of(clock));
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        alice = server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
        bob = server.bean(UserAdmin.class).create("bob", "Bob", "bob@example.com", ADMIN);
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.DAYS), ADMIN);
        serverNode = register(alice, List.of("tag:server"), "server");
        laptop = register(alice, List.of(), "laptop");
        bobLaptop = register(bob, List.of(), "bob-laptop");
        serverId = nodeId(serverNode);
        laptopId = nodeId(laptop);
        bobLaptopId = nodeId(bobLaptop);
        RunningServer.Reply policy = server.send("PUT", "/api/v1/policy",
                ProtocolNode.JSON.createObjectNode().put("policy", POLICY).toString(), Optional.of(apiKey));
        assertThat(policy.status()).as(policy.body()).isEqualTo(200);
    }

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

    private ProtocolNode register(UserView owner, List<String> tags, String hostname) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String key = server.bean(PreAuthKeyAdmin.class).create(Optional.of(owner.id()), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), tags, ADMIN).text();
        assertThat(node.register(node.registerBody(key, hostname)).get("MachineAuthorized").asBoolean()).isTrue();
        return node;
    }

    private static long nodeId(ProtocolNode node) throws Exception {
        ProtocolNode.MapStream stream = node.openMapStream(node.mapStreamBody());
        try {
            return stream.first().get("Node").get("ID").asLong();
        } finally {
            stream.cancel();
        }
    }

    /** What tailssh asks: the URL with its placeholders replaced, sent as the path and query of a GET. */
    private static String expand(String holdAndDelegate, long source, long destination, String localUser) {
        String url = holdAndDelegate.replace("$SRC_NODE_ID", Long.toString(source))
                .replace("$DST_NODE_ID", Long.toString(destination))
                .replace("$LOCAL_USER", URLEncoder.encode(localUser, StandardCharsets.UTF_8));
        URI uri = URI.create(url);
        assertThat(uri.getScheme() + "://" + uri.getAuthority()).isEqualTo(SERVER_URL);
        return uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    private static JsonNode ok(ProtocolNode.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply.json();
    }

    private static String checkId(JsonNode held) {
        Matcher page = CHECK_PAGE.matcher(held.path("message").asText());
        assertThat(page.find()).as("a check page in " + held).isTrue();
        return page.group(1);
    }

    private JsonNode awaitAudit(String action, String checkId) throws Exception {
        for (int i = 0; i < 200; i++) {
            RunningServer.Reply reply = server.send("GET", "/api/v1/audit/log?action=" + action + "&limit=100", null,
                    Optional.of(apiKey));
            assertThat(reply.status()).as(reply.body()).isEqualTo(200);
            for (JsonNode record : reply.json().get("records")) {
                if (record.path("details").path("checkId").asText().equals(checkId)) {
                    return record;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + action + " record for " + checkId + " in the audit log");
    }

    @Test
    @Order(1)
    void theDestinationsMapSendsCheckRulesToTheCheckRouteAsTailscaleDoes() throws Exception {
        ProtocolNode.MapStream stream = serverNode.openMapStream(serverNode.mapStreamBody());
        JsonNode map = stream.next(m -> m.has("SSHPolicy") && m.get("SSHPolicy").path("rules").size() == 3, "the SSH policy");
        stream.cancel();
        JsonNode rules = map.get("SSHPolicy").get("rules");
        JsonNode first = rules.get(0);
        holdTemplate = first.get("action").get("holdAndDelegate").asText();
        assertThat(holdTemplate).isEqualTo(SERVER_URL + CAPTURED_HOLD);
        assertThat(first.get("action").properties()).as("only what Tailscale sends for a check rule")
                .extracting(Map.Entry::getKey).containsExactly("holdAndDelegate");
        assertThat(first.get("sshUsers").get("root").asText()).isEqualTo("root");
        assertThat(rules.get(1).get("action").get("holdAndDelegate").asText()).isEqualTo(holdTemplate);
        assertThat(rules.get(2).get("action").get("accept").asBoolean()).isTrue();
        assertThat(rules.get(2).get("action").has("holdAndDelegate")).isFalse();
    }

    @Test
    @Order(2)
    void aSessionIsHeldUntilAnAdministratorApprovesItByCli() throws Exception {
        JsonNode held = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "root")));
        assertThat(held.properties()).extracting(Map.Entry::getKey).containsExactlyInAnyOrder("message", "holdAndDelegate");
        String id = checkId(held);
        assertThat(held.get("holdAndDelegate").asText()).isEqualTo(SERVER_URL + "/machine/ssh/action/" + laptopId
                + "/to/" + serverId + "?local_user=root&auth_id=" + id);

        CompletableFuture<ProtocolNode.Reply> followUp = serverNode.getAsync(expand(held.get("holdAndDelegate").asText(),
                laptopId, serverId, "root"));
        CliRun list = server.cli("ssh-check", "list");
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains(id, Long.toString(laptopId), Long.toString(serverId), "root", "3600s");
        RunningServer.Reply page = server.send("GET", "/ssh/check/" + id, null, Optional.empty());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("laptop", "server", "<code>root</code>", "chronoscale ssh-check approve " + id);
        assertThat(followUp).as("held while the check is pending").isNotDone();

        CliRun approve = server.cli("ssh-check", "approve", id);
        assertThat(approve.status()).as(approve.err()).isZero();
        assertThat(approve.out()).isEqualTo("SSH check approved");
        JsonNode answer = ok(followUp.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(answer.get("accept").asBoolean()).isTrue();
        assertThat(answer.has("holdAndDelegate")).isFalse();

        JsonNode record = awaitAudit("ssh.check_approved", id);
        assertThat(record.get("actor").get("type").asText()).isEqualTo("LOCAL_CLI");
        assertThat(record.get("target").get("id").asText()).isEqualTo(Long.toString(serverId));
        assertThat(record.get("details").get("sourceNodeId").asLong()).isEqualTo(laptopId);
        assertThat(record.get("details").get("localUser").asText()).isEqualTo("root");
        assertThat(record.get("details").get("checkPeriodSeconds").asLong()).isEqualTo(3600);
        assertThat(server.cli("ssh-check", "list").out()).doesNotContain(id);
        assertThat(server.send("GET", "/ssh/check/" + id, null, Optional.empty()).body()).contains("SSH check approved");
    }

    @Test
    @Order(3)
    void withinTheCheckPeriodTheSamePersonIsLetInAtOnceAndAfterItHeldAgain() throws Exception {
        JsonNode again = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "root")));
        assertThat(again.get("accept").asBoolean()).isTrue();
        assertThat(again.has("message")).isFalse();

        clock.advance(Duration.ofMinutes(61));
        JsonNode later = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "root")));
        assertThat(later.has("accept")).isFalse();
        String id = checkId(later);
        assertThat(later.get("holdAndDelegate").asText()).endsWith("&auth_id=" + id);
        CliRun approve = server.cli("auth", "approve", "--auth-id", id);
        assertThat(approve.status()).as("Headscale's auth approve decides an SSH check too: " + approve.err()).isZero();
        assertThat(ok(serverNode.get(expand(later.get("holdAndDelegate").asText(), laptopId, serverId, "root")))
                .get("accept").asBoolean()).isTrue();
    }

    @Test
    @Order(4)
    void aCheckPeriodOfAlwaysAsksForEverySession() throws Exception {
        JsonNode held = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "ops")));
        String id = checkId(held);
        assertThat(server.cli("ssh-check", "approve", id).status()).isZero();
        assertThat(ok(serverNode.get(expand(held.get("holdAndDelegate").asText(), laptopId, serverId, "ops")))
                .get("accept").asBoolean()).isTrue();
        JsonNode next = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "ops")));
        assertThat(next.has("accept")).isFalse();
        assertThat(checkId(next)).isNotEqualTo(id);
    }

    @Test
    @Order(5)
    void aRejectedCheckTurnsTheSessionAway() throws Exception {
        JsonNode held = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "ops")));
        String id = checkId(held);
        CompletableFuture<ProtocolNode.Reply> followUp = serverNode.getAsync(expand(held.get("holdAndDelegate").asText(),
                laptopId, serverId, "ops"));
        RunningServer.Reply reject = server.send("POST", "/api/v1/sshcheck/" + id + "/reject", "{}", Optional.of(apiKey));
        assertThat(reject.status()).as(reject.body()).isEqualTo(200);
        assertThat(reject.json().get("check").get("decision").asText()).isEqualTo("rejected");
        JsonNode answer = ok(followUp.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS));
        assertThat(answer.get("reject").asBoolean()).isTrue();
        assertThat(answer.get("message").asText()).contains("rejected");
        assertThat(answer.has("accept")).isFalse();
        assertThat(awaitAudit("ssh.check_rejected", id).get("actor").get("type").asText()).isEqualTo("API_KEY");

        CliRun twice = server.cli("ssh-check", "approve", id);
        assertThat(twice.status()).isNotZero();
        assertThat(twice.err()).contains("SSH check " + id + " was already rejected");
        assertThat(ok(serverNode.get(expand(held.get("holdAndDelegate").asText(), laptopId, serverId, "ops")))
                .get("reject").asBoolean()).as("a decided check keeps its answer").isTrue();
    }

    @Test
    @Order(6)
    void badRequestsGetClearErrorsAndOpenNothing() throws Exception {
        String pending = server.cli("ssh-check", "list").out();
        assertThat(serverNode.get("/machine/ssh/action/abc/to/" + serverId + "?local_user=root"))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("invalid src_node_id \"abc\""));
        assertThat(serverNode.get("/machine/ssh/action/" + laptopId + "/to/" + serverId))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("local_user is required"));
        assertThat(serverNode.get("/machine/ssh/action/" + laptopId + "/to/" + serverId + "?local_user=root&auth_id=nonsense"))
                .satisfies(r -> assertThat(r.status()).isEqualTo(400))
                .satisfies(r -> assertThat(r.body()).contains("invalid auth_id"));
        String unknown = "hskey-authreq-" + "Z".repeat(24);
        assertThat(serverNode.get("/machine/ssh/action/" + laptopId + "/to/" + serverId + "?local_user=root&auth_id=" + unknown))
                .satisfies(r -> assertThat(r.status()).isEqualTo(404))
                .satisfies(r -> assertThat(r.body()).contains("no SSH check " + unknown));
        assertThat(serverNode.get("/machine/ssh/action/99999/to/" + serverId + "?local_user=root"))
                .satisfies(r -> assertThat(r.status()).isEqualTo(404))
                .satisfies(r -> assertThat(r.body()).contains("src node 99999 not found"));
        assertThat(serverNode.get("/machine/ssh/action/" + laptopId + "/to/99999?local_user=root"))
                .satisfies(r -> assertThat(r.status()).isEqualTo(404))
                .satisfies(r -> assertThat(r.body()).contains("dst node 99999 not found"));
        // The laptop asks about a session to the server: only the destination may.
        assertThat(laptop.get(expand(holdTemplate, laptopId, serverId, "root")))
                .satisfies(r -> assertThat(r.status()).isEqualTo(403))
                .satisfies(r -> assertThat(r.body()).contains("this machine is not node " + serverId));
        // A check opened for one session does not answer another.
        JsonNode held = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "ops")));
        String id = checkId(held);
        assertThat(serverNode.get("/machine/ssh/action/" + laptopId + "/to/" + serverId + "?local_user=root&auth_id=" + id))
                .satisfies(r -> assertThat(r.status()).isEqualTo(403))
                .satisfies(r -> assertThat(r.body()).contains("is for node " + laptopId + " to node " + serverId + " as ops"));
        assertThat(server.cli("ssh-check", "reject", id).status()).isZero();
        // No check rule covers bob, nor alice as deploy (an accept rule): the session is refused, nothing is opened.
        JsonNode notCovered = ok(serverNode.get(expand(holdTemplate, bobLaptopId, serverId, "root")));
        assertThat(notCovered.get("reject").asBoolean()).isTrue();
        assertThat(notCovered.get("message").asText()).contains("no SSH check rule");
        assertThat(ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "deploy"))).get("reject").asBoolean()).isTrue();

        CliRun malformed = server.cli("ssh-check", "approve", "nonsense");
        assertThat(malformed.status()).isNotZero();
        assertThat(malformed.err()).contains("invalid SSH check id");
        CliRun missing = server.cli("ssh-check", "approve", unknown);
        assertThat(missing.status()).isNotZero();
        assertThat(missing.err()).contains("no SSH check " + unknown);
        assertThat(server.send("GET", "/ssh/check/" + unknown, null, Optional.empty()).status()).isEqualTo(404);
        assertThat(server.cli("ssh-check", "list").out()).isEqualTo(pending);
    }

    @Test
    @Order(7)
    void aPersonWhoReauthenticatedApprovesOnlyTheirOwnSessions() throws Exception {
        JsonNode held = ok(serverNode.get(expand(holdTemplate, laptopId, serverId, "ops")));
        String id = checkId(held);
        SshCheckDecisions decisions = server.bean(SshCheckDecisions.class);
        assertThatThrownBy(() -> decisions.approve(id, new SshCheckDecisions.VerifiedPerson(bob.id(), "https://idp", "bob-sub")))
                .isInstanceOfSatisfying(DomainException.class, e -> {
                    assertThat(e.kind()).isEqualTo(DomainException.Kind.FORBIDDEN);
                    assertThat(e.getMessage()).contains("owner of the session's source node");
                });
        assertThat(server.cli("ssh-check", "list").out()).as("still pending").contains(id);
        decisions.approve(id, new SshCheckDecisions.VerifiedPerson(alice.id(), "https://idp", "alice-sub"));
        assertThat(ok(serverNode.get(expand(held.get("holdAndDelegate").asText(), laptopId, serverId, "ops")))
                .get("accept").asBoolean()).isTrue();
        JsonNode record = awaitAudit("ssh.check_approved", id);
        assertThat(record.get("actor").get("type").asText()).isEqualTo("OIDC");
        assertThat(record.get("actor").get("id").asText()).isEqualTo("alice-sub");
    }
}
