package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Device approval on a real server ({@code node.approval: manual}), driven by real ts2021 clients, the real CLI and
 * {@code /api/v1}: a pending node is recorded but sees nobody and is seen by nobody until approved; approving it
 * reaches its stream and its peers' streams; a refused node stays refused. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DeviceApprovalContract {

    private static final AuditContext ADMIN = AuditContext.system("test");

    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private final List<ProtocolNode> nodes = new ArrayList<>();
    private String apiKey;

    private ProtocolNode.MapStream approvedStream;
    private long approvedId;
    private ProtocolNode.MapStream pendingStream;
    private long pendingId;
    private Instant beforeApproval;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-approval");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "dns:\n  base_domain: tail.example\n"
                + "node:\n  approval: manual\n  approval_tagged_keys: true\n"
                + databaseYaml());
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
    }

    /** Also called by the PostgreSQL subclass first, so that the server stops while its database is still up. */
    @AfterAll
    void stop() {
        nodes.forEach(ProtocolNode::close);
        nodes.clear();
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

    /** A pre-auth key made by the real CLI, with its extra flags. */
    private String key(String... flags) throws Exception {
        List<String> args = new ArrayList<>(List.of("preauthkeys", "create", "-u", "alice", "--reusable", "-o", "json"));
        args.addAll(List.of(flags));
        CliRun created = server.cli(args.toArray(String[]::new));
        assertThat(created.status()).as(created.err()).isZero();
        return ProtocolNode.JSON.readTree(created.out()).get("key").asText();
    }

    /** Registers a new client with the key; returns the client and its RegisterResponse. */
    private record Joined(ProtocolNode node, JsonNode response) {
    }

    private Joined join(String authKey, String hostname) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        nodes.add(node);
        return new Joined(node, node.register(node.registerBody(authKey, hostname)));
    }

    private static List<String> peerNames(JsonNode map) {
        List<String> names = new ArrayList<>();
        map.path("Peers").forEach(n -> names.add(n.get("Name").asText()));
        return names;
    }

    private static boolean lists(JsonNode nodes, long id) {
        for (JsonNode node : nodes) {
            if (node.path("ID").asLong() == id) {
                return true;
            }
        }
        return false;
    }

    private JsonNode listed(long id) throws Exception {
        return api("GET", "/api/v1/node/" + id, null).json().get("node");
    }

    private RunningServer.Reply api(String method, String path, String body) throws Exception {
        return server.send(method, path, body, Optional.of(apiKey));
    }

    @Test
    @Order(1)
    void aPendingNodeIsRecordedButSeesNobodyAndIsSeenByNobody() throws Exception {
        Joined approved = join(key("--pre-approved"), "approved-laptop");
        assertThat(approved.response().get("MachineAuthorized").asBoolean()).isTrue();
        approvedStream = approved.node().openMapStream(approved.node().mapStreamBody());
        JsonNode approvedFirst = approvedStream.first();
        approvedId = approvedFirst.get("Node").get("ID").asLong();
        assertThat(approvedFirst.get("Node").get("MachineAuthorized").asBoolean()).isTrue();

        Joined pending = join(key(), "pending-phone");
        assertThat(pending.response().get("Error").asText()).isEmpty();
        assertThat(pending.response().get("AuthURL").asText()).isEmpty();
        assertThat(pending.response().get("MachineAuthorized").asBoolean()).as("registered, not yet authorized").isFalse();
        pendingStream = pending.node().openMapStream(pending.node().mapStreamBody());
        JsonNode pendingFirst = pendingStream.first();
        pendingId = pendingFirst.get("Node").get("ID").asLong();
        assertThat(pendingFirst.get("Node").get("MachineAuthorized").asBoolean()).isFalse();
        assertThat(peerNames(pendingFirst)).isEmpty();
        assertThat(pendingFirst.get("PacketFilters").get("base")).as("reaches nothing, reached by nothing").isEmpty();

        // The approved node's one-shot map, taken after the pending node's stream opened, still lists nobody.
        JsonNode oneShot = oneShot(approved.node());
        assertThat(peerNames(oneShot)).isEmpty();
        assertThat(oneShot.get("PacketFilters").get("base").get(0).get("SrcIPs").get(0).asText()).isEqualTo("*");

        JsonNode shown = listed(pendingId);
        assertThat(shown.get("approval").asText()).isEqualTo("pending");
        assertThat(shown.get("givenName").asText()).isEqualTo("pending-phone");
        assertThat(listed(approvedId).get("approval").asText()).isEqualTo("approved");
        beforeApproval = Instant.now();
    }

    @Test
    @Order(2)
    void theCliListsThePendingNodesAndTheirState() throws Exception {
        CliRun pending = server.cli("nodes", "list", "--pending", "-o", "json");
        assertThat(pending.status()).as(pending.err()).isZero();
        JsonNode listed = ProtocolNode.JSON.readTree(pending.out());
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("id").asLong()).isEqualTo(pendingId);
        assertThat(listed.get(0).get("approval").asText()).isEqualTo("pending");

        CliRun table = server.cli("nodes", "list");
        assertThat(table.status()).as(table.err()).isZero();
        String[] lines = table.out().split("\n");
        assertThat(lines[0]).endsWith("Approval");
        assertThat(table.out()).containsPattern("(?m)^" + pendingId + " .*pending-phone.*pending$");
        assertThat(table.out()).containsPattern("(?m)^" + approvedId + " .*approved-laptop.*approved$");

        CliRun keys = server.cli("preauthkeys", "list", "-u", "alice");
        assertThat(keys.out().split("\n")[0]).endsWith("Pre-approved");
        assertThat(keys.out()).containsPattern("(?m)true\\s*$").containsPattern("(?m)false\\s*$");
        // Headscale's CLI JSON: snake_case, false left out.
        CliRun keysJson = server.cli("preauthkeys", "list", "-u", "alice", "-o", "json");
        List<Boolean> preApproved = new ArrayList<>();
        ProtocolNode.JSON.readTree(keysJson.out()).forEach(k -> preApproved.add(k.path("pre_approved").asBoolean(false)));
        assertThat(preApproved).as(keysJson.out()).containsExactlyInAnyOrder(true, false);
    }

    @Test
    @Order(3)
    void approvingByCliGivesTheNodeItsPeersAndThePeersTheNode() throws Exception {
        CliRun approve = server.cli("nodes", "approve", "-i", Long.toString(pendingId), "--reason", "asset tag checked");
        assertThat(approve.status()).as(approve.err()).isZero();
        assertThat(approve.out()).isEqualTo("Node approved");

        JsonNode complete = pendingStream.next(m -> m.has("Peers") && m.path("Node").path("MachineAuthorized").asBoolean(),
                "a complete map with the node authorized");
        assertThat(peerNames(complete)).containsExactly("approved-laptop.tail.example.");
        assertThat(complete.get("PacketFilters").get("base").get(0).get("SrcIPs").get(0).asText()).isEqualTo("*");
        approvedStream.next(m -> lists(m.path("PeersChanged"), pendingId), "the approved node as a new peer");

        assertThat(listed(pendingId).get("approval").asText()).isEqualTo("approved");
        List<String> event = event("NodeApproved", pendingId);
        assertThat(event.get(0)).isEqualTo("LOCAL_CLI");
        assertThat(event.get(2)).contains("asset tag checked");
        // Time travel: before the approval the node was pending.
        JsonNode past = api("GET", "/api/v1/node/" + pendingId + "?at=" + beforeApproval, null).json().get("node");
        assertThat(past.get("approval").asText()).isEqualTo("pending");
    }

    @Test
    @Order(4)
    void badApprovalsAreRefusedWithAClearErrorAndChangeNothing() throws Exception {
        CliRun again = server.cli("nodes", "approve", "-i", Long.toString(pendingId));
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).contains("node " + pendingId + " is already approved");

        RunningServer.Reply unknown = api("POST", "/api/v1/node/99999/approve", "{}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("node 99999 not found");
        CliRun unknownCli = server.cli("nodes", "refuse", "-i", "99999");
        assertThat(unknownCli.status()).isNotZero();
        assertThat(unknownCli.err()).contains("not found");

        RunningServer.Reply badFilter = api("GET", "/api/v1/node?approval=maybe", null);
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(badFilter.body()).contains("must be approved, pending or refused");

        RunningServer.Reply refuseApproved = api("POST", "/api/v1/node/" + approvedId + "/refuse", "{}");
        assertThat(refuseApproved.status()).isEqualTo(409);
        assertThat(listed(approvedId).get("approval").asText()).isEqualTo("approved");
        assertThat(events("NodeApprovalRefused")).isZero();
    }

    @Test
    @Order(5)
    void aRefusedNodeStaysRefusedAndReceivesNothing() throws Exception {
        Joined unwanted = join(key(), "unknown-box");
        ProtocolNode.MapStream stream = unwanted.node().openMapStream(unwanted.node().mapStreamBody());
        long id = stream.first().get("Node").get("ID").asLong();

        RunningServer.Reply refused = api("POST", "/api/v1/node/" + id + "/refuse", "{\"reason\":\"unknown device\"}");
        assertThat(refused.status()).as(refused.body()).isEqualTo(200);
        assertThat(refused.json().get("node").get("approval").asText()).isEqualTo("refused");
        assertThat(event("NodeApprovalRefused", id).get(0)).isEqualTo("API_KEY");

        RunningServer.Reply approveRefused = api("POST", "/api/v1/node/" + id + "/approve", "{}");
        assertThat(approveRefused.status()).isEqualTo(409);
        assertThat(approveRefused.body()).contains("stays refused");
        assertThat(listed(id).get("approval").asText()).isEqualTo("refused");

        // Neither it nor anyone else was told of the other: a new one-shot map of each shows it so.
        JsonNode own = oneShot(unwanted.node());
        assertThat(own.get("Node").get("MachineAuthorized").asBoolean()).isFalse();
        assertThat(peerNames(own)).isEmpty();
        assertThat(peerNames(oneShot(nodes.get(0)))).containsExactly("pending-phone.tail.example.");
    }

    @Test
    @Order(6)
    void aTaggedKeyCountsAsApprovalWhereConfigured() throws Exception {
        CliRun created = server.cli("preauthkeys", "create", "--tags", "tag:server", "-o", "json");
        assertThat(created.status()).as(created.err()).isZero();
        Joined server1 = join(ProtocolNode.JSON.readTree(created.out()).get("key").asText(), "tagged-server");
        assertThat(server1.response().get("MachineAuthorized").asBoolean()).isTrue();
        JsonNode first = oneShot(server1.node());
        assertThat(first.get("Node").get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(peerNames(first)).containsExactlyInAnyOrder("approved-laptop.tail.example.", "pending-phone.tail.example.");
    }

    @Test
    @Order(7)
    void aDeviceAnAdministratorRegisteredByAuthRegisterStillAwaitsApproval() throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        nodes.add(node);
        String authUrl = node.register(node.registerBody(null, "kiosk")).get("AuthURL").asText();
        String authId = authUrl.substring(authUrl.lastIndexOf('/') + 1);
        com.fasterxml.jackson.databind.node.ObjectNode followup =
                (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "kiosk"));
        followup.put("Followup", authUrl);
        java.util.concurrent.CompletableFuture<ProtocolNode.Reply> waiting = node.postAsync("/machine/register", followup.toString());

        CliRun registered = server.cli("auth", "register", "--auth-id", authId, "--user", "alice");
        assertThat(registered.status()).as(registered.err()).isZero();
        JsonNode joined = waiting.get(ProtocolNode.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS).json();
        assertThat(joined.get("Error").asText()).isEmpty();
        assertThat(joined.get("MachineAuthorized").asBoolean()).isFalse();
        JsonNode first = oneShot(node);
        assertThat(first.get("Node").get("MachineAuthorized").asBoolean()).isFalse();
        assertThat(peerNames(first)).isEmpty();
        assertThat(listed(first.get("Node").get("ID").asLong()).get("approval").asText()).isEqualTo("pending");
        assertThat(peerNames(oneShot(nodes.get(0)))).doesNotContain("kiosk.tail.example.");
    }

    @Test
    @Order(8)
    void underAPolicyAPendingNodeGetsNoPeersNoFilterAndItsApprovalReachesEveryStream() throws Exception {
        server.bean(PolicyAdmin.class).set("{\"acls\":[{\"action\":\"accept\",\"src\":[\"*\"],\"dst\":[\"*:*\"]}]}", ADMIN);
        Joined late = join(key(), "late-tablet");
        ProtocolNode.MapStream stream = late.node().openMapStream(late.node().mapStreamBody());
        JsonNode first = stream.first();
        long id = first.get("Node").get("ID").asLong();
        assertThat(first.get("Node").get("MachineAuthorized").asBoolean()).isFalse();
        assertThat(peerNames(first)).isEmpty();
        assertThat(first.get("PacketFilters").get("base")).isEmpty();
        assertThat(peerNames(oneShot(nodes.get(0)))).doesNotContain("late-tablet.tail.example.");

        RunningServer.Reply approved = api("POST", "/api/v1/node/" + id + "/approve", "{\"reason\":\"known tablet\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        stream.next(m -> m.path("Node").path("MachineAuthorized").asBoolean(), "the node authorized");
        // Its first policy netmap: the whole peer list and the policy's filter, in one message.
        JsonNode delta = stream.next(m -> m.path("Peers").size() > 0, "its peers under the policy");
        assertThat(peerNames(delta)).contains("approved-laptop.tail.example.", "pending-phone.tail.example.",
                "tagged-server.tail.example.").doesNotContain("unknown-box.tail.example.");
        assertThat(delta.get("PacketFilters").get("base")).isNotEmpty();
        approvedStream.next(m -> lists(m.path("PeersChanged"), id), "the approved tablet as a new peer");
    }

    private JsonNode oneShot(ProtocolNode node) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        body.put("Stream", false);
        return node.openMapStream(body.toString()).first();
    }

    /** Actor type, actor and reason of the node's event of the given type. */
    private List<String> event(String type, long nodeId) throws Exception {
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        List<String[]> rows = jdbc.query("SELECT metaData, payload FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                        + " AND payloadType LIKE ?", (row, n) -> new String[] {new String(row.getBytes(1), StandardCharsets.UTF_8),
                        new String(row.getBytes(2), StandardCharsets.UTF_8)}, "node:" + nodeId, "%$" + type);
        assertThat(rows).as(type + " of node " + nodeId).hasSize(1);
        JsonNode meta = ProtocolNode.JSON.readTree(rows.get(0)[0]);
        JsonNode payload = ProtocolNode.JSON.readTree(rows.get(0)[1]);
        return List.of(meta.path("actorType").asText(), meta.path("actorId").asText(), payload.path("reason").asText());
    }

    private int events(String type) {
        return server.bean(JdbcTemplate.class).queryForObject(
                "SELECT COUNT(*) FROM DomainEventEntry WHERE payloadType LIKE ?", Integer.class, "%$" + type);
    }
}
