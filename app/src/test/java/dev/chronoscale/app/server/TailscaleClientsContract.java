package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.NodeAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.NodeAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.tools.loadgen.MapBenchmark;
import dev.chronoscale.gateway.map.Presence;
import dev.chronoscale.inventory.InventoryViews.UserView;
import org.junit.jupiter.api.AfterAll;
import org.springframework.jdbc.core.JdbcTemplate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tailscale side of a real server, driven by the real protocol: {@code /key}, the Noise
 * handshake, HTTP/2 inside Noise, register and map streams, with request bodies recorded from a
 * real tailscale v1.82.5 client where the recording has them. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class TailscaleClientsContract {

    private static final AuditContext ADMIN = AuditContext.system("test");

    private Path dir;
    private RunningServer server;
    private InetSocketAddress address;
    private ProtocolClients clients;
    private UserView alice;

    private RecordedRequests recordedRequests;
    private ProtocolNode node1;
    private ProtocolNode node2;
    private ProtocolNode.MapStream stream1;
    private ProtocolNode.MapStream stream2;
    private long node2Id;
    private String apiKey;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-clients");
        Path derpMap = dir.resolve("derp.yaml");
        Files.writeString(derpMap, """
                # Headscale's DERP map file format
                regions:
                  900:
                    regionid: 900
                    regioncode: custom
                    regionname: My Region
                    nodes:
                      - name: 900a
                        regionid: 900
                        hostname: derp.example.com
                        ipv4: 192.0.2.9
                        stunport: 3478
                        stunonly: false
                        derpport: 0
                """);
        Path records = dir.resolve("records.json");
        Files.writeString(records, "[{\"name\": \"grafana.tail.example\", \"type\": \"A\", \"value\": \"100.64.0.3\"}]");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "dns:\n  base_domain: tail.example\n  nameservers:\n    global: [1.1.1.1]\n    split:\n"
                + "      corp.example.com: [10.0.0.53]\n  search_domains: [corp.example.com]\n"
                + "  extra_records_path: " + records + "\n"
                + "derp:\n  paths:\n    - " + derpMap + "\n"
                + databaseYaml());
        address = server.bean(ServerLifecycle.class).boundAddress();
        clients = new ProtocolClients(address);
        alice = server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
        recordedRequests = RecordedRequests.load();
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

    private ProtocolNode connect(String nodeKey) throws Exception {
        return clients.connect(nodeKey);
    }

    private String key(boolean reusable, boolean ephemeral, List<String> tags) {
        return server.bean(PreAuthKeyAdmin.class).create(Optional.of(alice.id()), reusable, ephemeral,
                Instant.now().plus(1, ChronoUnit.HOURS), tags, ADMIN).text();
    }

    /** A recorded register request with another auth key in place of the recording's. */
    private static String withAuthKey(String register, String authKey) throws Exception {
        JsonNode body = ProtocolNode.JSON.readTree(register);
        ((ObjectNode) body.get("Auth")).put("AuthKey", authKey);
        return body.toString();
    }

    private static String nodeKeyOf(String body) throws Exception {
        return ProtocolNode.JSON.readTree(body).get("NodeKey").asText();
    }

    /** The node with this ID in a list of nodes, or a missing node. */
    private static JsonNode peerIn(JsonNode nodes, long id) {
        return peerIn(nodes, "ID", id);
    }

    /** The entry whose {@code field} is this ID in a list (of nodes, of patches), or a missing node. */
    private static JsonNode peerIn(JsonNode nodes, String field, long id) {
        for (JsonNode node : nodes) {
            if (node.path(field).asLong() == id) {
                return node;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> names(JsonNode nodes) {
        List<String> names = new ArrayList<>();
        nodes.forEach(n -> names.add(n.get("Name").asText()));
        return names;
    }

    @Test
    @Order(1)
    void twoRecordedClientsRegisterWithAPreAuthKeyAndSeeEachOtherInTheirFirstMaps() throws Exception {
        String reusable = key(true, false, List.of());
        String register1 = withAuthKey(recordedRequests.register(0), reusable);
        String register2 = withAuthKey(recordedRequests.register(1), reusable);
        node1 = connect(nodeKeyOf(register1));
        node2 = connect(nodeKeyOf(register2));

        JsonNode registered1 = node1.register(register1);
        assertThat(registered1.get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(registered1.get("Error").asText()).isEmpty();
        assertThat(registered1.get("AuthURL").asText()).isEmpty();
        assertThat(registered1.get("User").get("ID").asLong()).isEqualTo(alice.id());
        assertThat(registered1.get("Login").get("LoginName").asText()).isEqualTo("alice@example.com");
        assertThat(node2.register(register2).get("MachineAuthorized").asBoolean()).isTrue();

        stream1 = node1.openMapStream(recordedRequests.mapStream(0));
        JsonNode first1 = stream1.first();
        assertThat(stream1.status.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS)).isEqualTo(200);
        JsonNode self1 = first1.get("Node");
        assertThat(self1.get("Name").asText()).isEqualTo("vec-node-1.tail.example.");
        assertThat(self1.get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(self1.get("Key").asText()).isEqualTo(node1.nodeKey);
        assertThat(self1.get("Machine").asText()).isEqualTo(node1.machineKey.publicKey().text());
        assertThat(self1.get("Addresses")).hasSize(2);
        assertThat(names(first1.get("Peers"))).as("a map shows every node registered before the poll")
                .containsExactly("vec-node-2.tail.example.");
        JsonNode region = first1.get("DERPMap").get("Regions").get("900");
        assertThat(region.get("RegionCode").asText()).isEqualTo("custom");
        assertThat(region.get("Nodes").get(0).get("HostName").asText()).isEqualTo("derp.example.com");
        assertThat(region.get("Nodes").get(0).get("IPv4").asText()).isEqualTo("192.0.2.9");
        assertThat(first1.get("DNSConfig").get("Proxied").asBoolean()).isTrue();
        assertThat(first1.get("DNSConfig").get("Domains").get(0).asText()).isEqualTo("tail.example");
        assertThat(first1.get("PacketFilters").get("base").get(0).get("SrcIPs").get(0).asText()).isEqualTo("*");
        assertThat(first1.get("UserProfiles").get(0).get("LoginName").asText()).isEqualTo("alice@example.com");

        stream2 = node2.openMapStream(recordedRequests.mapStream(1));
        JsonNode first2 = stream2.first();
        assertThat(names(first2.get("Peers"))).containsExactly("vec-node-1.tail.example.");
        node2Id = first2.get("Node").get("ID").asLong();
        assertThat(first2.get("Peers").get(0).get("Online").asBoolean()).isTrue();

        // Node 2 going online arrives as an OnlineChange, or within a change of node 2 batched with it.
        stream1.next(m -> m.path("OnlineChange").path(Long.toString(node2Id)).asBoolean(false)
                || peerIn(m.path("PeersChanged"), node2Id).path("Online").asBoolean(false), "node 2 online");
        assertThat(server.bean(Presence.class).isOnline(node2Id)).isTrue();
        RunningServer.Reply listed = api("GET", "/api/v1/node/" + node2Id, null);
        assertThat(listed.json().get("node").get("online").asBoolean()).isTrue();
        assertThat(awaitEvent("NodeConnected", node2Id)).as("actor type, actor, remote address, reason")
                .containsExactly("NODE", Long.toString(node2Id), "127.0.0.1", "map session started");
        assertThat(awaitEvent("NodeRegistered", node2Id).subList(0, 3)).containsExactly("NODE", Long.toString(node2Id), "127.0.0.1");

        // What each client reported of itself in its Hostinfo reaches its peers (tailscale status shows their OS).
        assertThat(awaitEvent("NodeClientReported", node2Id))
                .containsExactly("NODE", Long.toString(node2Id), "127.0.0.1", "hostinfo");
        ObjectNode oneShot = (ObjectNode) ProtocolNode.JSON.readTree(recordedRequests.mapStream(0));
        oneShot.put("Stream", false);
        JsonNode peer2 = node1.openMapStream(oneShot.toString()).first().get("Peers").get(0).get("Hostinfo");
        assertThat(peer2.get("OS").asText()).isEqualTo("linux");
        assertThat(peer2.get("OSVersion").asText()).isEqualTo("6.18.44-fc-v595");
        assertThat(peer2.get("IPNVersion").asText()).isEqualTo("1.82.5-te4d64c6fa");
        assertThat(peer2.get("Hostname").asText()).isEqualTo("vec-node-2");
    }

    /** Actor type, actor, remote address and reason of a node's event of the given type, once it is stored. */
    private List<String> awaitEvent(String type, long nodeId) throws Exception {
        JdbcTemplate jdbc = server.bean(JdbcTemplate.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ProtocolNode.WAIT_SECONDS);
        while (System.nanoTime() < deadline) {
            List<String> metadata = jdbc.query("SELECT metaData FROM DomainEventEntry WHERE aggregateIdentifier = ?"
                            + " AND payloadType LIKE ?", (row, n) -> new String(row.getBytes(1), StandardCharsets.UTF_8),
                    "node:" + nodeId, "%$" + type);
            if (!metadata.isEmpty()) {
                JsonNode meta = ProtocolNode.JSON.readTree(metadata.get(0));
                return List.of(meta.path("actorType").asText(), meta.path("actorId").asText(),
                        meta.path("remoteAddress").asText(), meta.path("reason").asText());
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no " + type + " event for node " + nodeId);
    }

    private RunningServer.Reply api(String method, String path, String body) throws Exception {
        if (apiKey == null) {
            apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
        }
        return server.send(method, path, body, Optional.of(apiKey));
    }

    @Test
    @Order(2)
    void anEndpointUpdateReachesThePeerAsAPatch() throws Exception {
        ProtocolNode.Reply lite = node2.post("/machine/map", recordedRequests.liteUpdate(1));
        assertThat(lite.status()).isEqualTo(200);
        assertThat(lite.body()).isEmpty();
        // The new home region arrives as a patch, or within the change of node 2 the same update brought (its peer
        // API services), when both were pending together.
        JsonNode moved = stream1.next(m -> peerIn(m.path("PeersChangedPatch"), "NodeID", node2Id).path("DERPRegion").asInt() == 1
                || peerIn(m.path("PeersChanged"), node2Id).path("HomeDERP").asInt() == 1, "node 2's new home region");
        assertThat(moved.has("PeersChangedPatch") ? peerIn(moved.get("PeersChangedPatch"), "NodeID", node2Id)
                : peerIn(moved.get("PeersChanged"), node2Id)).isNotEmpty();

        // Taildrop: a client lists a peer as a target when the peer's Hostinfo has its peer API port and file sharing
        // is in the client's own CapMap. The recorded update lists listening TCP ports too; only the peer API is kept.
        JsonNode changed = peerIn(moved.path("PeersChanged"), node2Id).path("Hostinfo").has("Services") ? moved
                : stream1.next(m -> peerIn(m.path("PeersChanged"), node2Id).path("Hostinfo").has("Services"),
                "node 2's peer API services");
        JsonNode peer = peerIn(changed.get("PeersChanged"), node2Id);
        assertThat(peer.get("Hostinfo").get("Services").toString()).isEqualTo("[{\"Proto\":\"peerapi4\",\"Port\":46590},"
                + "{\"Proto\":\"peerapi6\",\"Port\":46590},{\"Proto\":\"peerapi-dns-proxy\",\"Port\":1}]");
        assertThat(peer.get("CapMap").has(FILE_SHARING)).isTrue();
        ObjectNode oneShot = (ObjectNode) ProtocolNode.JSON.readTree(recordedRequests.mapStream(0));
        oneShot.put("Stream", false);
        JsonNode self = node1.openMapStream(oneShot.toString()).first().get("Node");
        assertThat(self.get("CapMap").has(FILE_SHARING)).isTrue();
    }

    private static final String FILE_SHARING = "https://tailscale.com/cap/file-sharing";

    /**
     * The DNS keys in the map as Headscale sends them, and the extra records file followed: a rewrite reaches the
     * open stream as new DNS settings; a file that does not read as records sends nothing.
     */
    @Test
    @Order(3)
    void theDnsSettingsAreInTheMapAndAChangedRecordsFileReachesTheStream() throws Exception {
        ObjectNode oneShot = (ObjectNode) ProtocolNode.JSON.readTree(recordedRequests.mapStream(0));
        oneShot.put("Stream", false);
        JsonNode dns = node1.openMapStream(oneShot.toString()).first().get("DNSConfig");
        assertThat(dns.toString()).isEqualTo("{\"Resolvers\":[{\"Addr\":\"1.1.1.1\"}],"
                + "\"Routes\":{\"corp.example.com\":[{\"Addr\":\"10.0.0.53\"}]},"
                + "\"Domains\":[\"tail.example\",\"corp.example.com\"],\"Proxied\":true,"
                + "\"ExtraRecords\":[{\"Name\":\"grafana.tail.example\",\"Type\":\"A\",\"Value\":\"100.64.0.3\"}]}");

        Files.writeString(dir.resolve("records.json"), "[{\"name\": \"broken\"");
        Path next = dir.resolve("records.json.new");
        Files.writeString(next, "[{\"name\": \"wiki.tail.example\", \"type\": \"A\", \"value\": \"100.64.0.9\"}]");
        Files.move(next, dir.resolve("records.json"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        JsonNode changed = stream1.next(m -> m.has("DNSConfig"), "new DNS settings");
        assertThat(changed.get("DNSConfig").get("ExtraRecords").toString())
                .isEqualTo("[{\"Name\":\"wiki.tail.example\",\"Type\":\"A\",\"Value\":\"100.64.0.9\"}]");
        assertThat(changed.get("DNSConfig").get("Routes").has("corp.example.com")).isTrue();
        assertThat(changed.has("Node")).isFalse();
    }

    @Test
    @Order(4)
    void aRenameReachesThePeersStream() throws Exception {
        server.bean(NodeAdmin.class).rename(node2Id, "renamed", ADMIN);
        JsonNode changed = stream1.next(m -> peerIn(m.path("PeersChanged"), node2Id).path("Name").asText()
                .equals("renamed.tail.example."), "node 2 renamed");
        assertThat(names(changed.get("PeersChanged"))).containsExactly("renamed.tail.example.");
        JsonNode self = stream2.next(m -> m.path("Node").path("Name").asText().equals("renamed.tail.example."),
                "the renamed self node");
        assertThat(self.get("Node").get("ID").asLong()).isEqualTo(node2Id);
    }

    @Test
    @Order(5)
    void tagsReachThePeerAndAMapRequestFromAnOldClientIsRefusedClearly() throws Exception {
        server.bean(NodeAdmin.class).tag(node2Id, List.of("tag:web"), ADMIN);
        JsonNode changed = stream1.next(m -> m.has("PeersChanged")
                && m.get("PeersChanged").get(0).has("Tags"), "PeersChanged with tags");
        assertThat(changed.get("PeersChanged").get(0).get("Tags").get(0).asText()).isEqualTo("tag:web");

        ObjectNode old = (ObjectNode) ProtocolNode.JSON.readTree(recordedRequests.mapStream(1));
        old.put("Version", 100).put("Stream", false);
        ProtocolNode.Reply refused = node2.post("/machine/map", old.toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("too old").contains("v1.80");
    }

    @Test
    @Order(6)
    void aNewStreamReplacesTheOldOne() throws Exception {
        ProtocolNode.MapStream again = node2.openMapStream(recordedRequests.mapStream(1));
        assertThat(again.first().get("Node").get("ID").asLong()).isEqualTo(node2Id);
        stream2.ended.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS);
        stream2 = again;
    }

    @Test
    @Order(7)
    void aDeletionReachesThePeerAndEndsTheDeletedNodesStream() throws Exception {
        server.bean(NodeAdmin.class).delete(node2Id, ADMIN);
        JsonNode removed = stream1.next(m -> m.has("PeersRemoved"), "PeersRemoved");
        assertThat(removed.get("PeersRemoved").get(0).asLong()).isEqualTo(node2Id);
        stream2.ended.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS);
    }

    @Test
    @Order(8)
    void aSingleUseKeyRegistersOnlyOnce() throws Exception {
        String once = key(false, false, List.of());
        ProtocolNode first = connect(ProtocolNode.randomNodeKey());
        assertThat(first.register(first.registerBody(once, "once-1")).get("MachineAuthorized").asBoolean()).isTrue();
        ProtocolNode second = connect(ProtocolNode.randomNodeKey());
        JsonNode refused = second.register(second.registerBody(once, "once-2"));
        assertThat(refused.get("MachineAuthorized").asBoolean()).isFalse();
        assertThat(refused.get("Error").asText()).contains("already been used");
        assertThat(second.post("/machine/map", second.mapStreamBody()).status()).isEqualTo(404);
    }

    @Test
    @Order(9)
    void anExpiredKeyIsRefusedInTheRegisterResponse() throws Exception {
        PreAuthKeyAdmin keys = server.bean(PreAuthKeyAdmin.class);
        PreAuthKeyAdmin.CreatedPreAuthKey created = keys.create(Optional.of(alice.id()), true, false,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of(), ADMIN);
        keys.expire(created.key().id(), ADMIN);
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        JsonNode refused = node.register(node.registerBody(created.text(), "late"));
        assertThat(refused.get("Error").asText()).contains("expired");
        assertThat(refused.get("MachineAuthorized").asBoolean()).isFalse();
    }

    @Test
    @Order(10)
    void anUnknownKeyIsRefusedAndAnOldClientIsToldItIsTooOld() throws Exception {
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        assertThat(node.register(node.registerBody("hskey-auth-nonsense", "x")).get("Error").asText())
                .contains("invalid pre-auth key");
        ObjectNode old = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(key(false, false, List.of()), "old"));
        old.put("Version", 100);
        assertThat(node.register(old.toString()).get("Error").asText()).contains("too old");
    }

    @Test
    @Order(11)
    void aBadHandshakeIsRejectedWithoutHarm() throws Exception {
        byte[] garbage = new byte[101];
        garbage[1] = 115;
        garbage[2] = 1;
        garbage[4] = 96;
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(ProtocolNode.WAIT_SECONDS));
            OutputStream out = socket.getOutputStream();
            out.write(("POST /ts2021 HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: tailscale-control-protocol\r\n"
                    + "Connection: upgrade\r\nX-Tailscale-Handshake: " + Base64.getEncoder().encodeToString(garbage)
                    + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] reply = socket.getInputStream().readAllBytes();
            String text = new String(reply, StandardCharsets.ISO_8859_1);
            assertThat(text).startsWith("HTTP/1.1 101");
            int body = text.indexOf("\r\n\r\n") + 4;
            assertThat(reply[body]).as("Noise error message type").isEqualTo((byte) 3);
        }
        ProtocolNode after = connect(ProtocolNode.randomNodeKey());
        assertThat(after.register(after.registerBody(key(false, false, List.of()), "after")).get("MachineAuthorized")
                .asBoolean()).isTrue();
        assertThat(stream1.ended).isNotDone();
    }

    @Test
    @Order(12)
    void anInteractiveLoginWaitsForTheAdministratorAndThenJoins() throws Exception {
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        JsonNode login = node.register(node.registerBody(null, "interactive"));
        String authUrl = login.get("AuthURL").asText();
        assertThat(authUrl).startsWith("http://127.0.0.1:").contains("/register/hskey-authreq-");
        assertThat(login.get("MachineAuthorized").asBoolean()).isFalse();
        String authId = authUrl.substring(authUrl.lastIndexOf('/') + 1);

        RunningServer.Reply page = server.send("GET", "/register/" + authId, null, Optional.empty());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.body()).contains("auth register --auth-id " + authId + " --user");

        ObjectNode followup = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "interactive"));
        followup.put("Followup", authUrl);
        CompletableFuture<ProtocolNode.Reply> waiting = node.postAsync("/machine/register", followup.toString());
        assertThat(api("GET", "/api/v1/node", null).body()).doesNotContain("\"interactive\"");

        RunningServer.Reply approved = api("POST", "/api/v1/auth/register",
                "{\"authId\":\"" + authId + "\",\"user\":\"alice\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        JsonNode joined = waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
        assertThat(joined.get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(joined.get("User").get("ID").asLong()).isEqualTo(alice.id());
        JsonNode self = node.openMapStream(node.mapStreamBody()).first().get("Node");
        assertThat(self.get("Name").asText()).isEqualTo("interactive.tail.example.");
        assertThat(awaitEvent("NodeRegistered", self.get("ID").asLong()).get(3))
                .startsWith("registration with interactive login approved by API_KEY ");
        assertThat(server.send("GET", "/register/" + authId, null, Optional.empty()).status()).isEqualTo(404);
    }

    @Test
    @Order(13)
    void aRejectedInteractiveLoginGetsAnError() throws Exception {
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, "rejected")).get("AuthURL").asText();
        ObjectNode followup = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "rejected"));
        followup.put("Followup", authUrl);
        CompletableFuture<ProtocolNode.Reply> waiting = node.postAsync("/machine/register", followup.toString());
        String authId = authUrl.substring(authUrl.lastIndexOf('/') + 1);
        assertThat(api("POST", "/api/v1/auth/reject", "{\"authId\":\"" + authId + "\"}").status()).isEqualTo(200);
        assertThat(waiting.get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json().get("Error").asText())
                .contains("rejected");
    }

    @Test
    @Order(14)
    void aKnownNodeReconnectsRotatesItsKeyLogsOutAndLogsInAgain() throws Exception {
        String reusable = key(true, false, List.of());
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        assertThat(node.register(node.registerBody(reusable, "cycle")).get("MachineAuthorized").asBoolean()).isTrue();
        ProtocolNode.MapStream watcher = node1.openMapStream(recordedRequests.mapStream(0));
        long id = server.bean(NodeAdmin.class).list(Optional.empty()).stream()
                .filter(n -> n.givenName().equals("cycle")).findFirst().orElseThrow().id();
        assertThat(names(watcher.first().get("Peers"))).contains("cycle.tail.example.");

        // After a restart the client registers again without a key.
        assertThat(node.register(node.registerBody(null, "cycle")).get("MachineAuthorized").asBoolean()).isTrue();

        String newKey = ProtocolNode.randomNodeKey();
        ObjectNode rotate = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "cycle"));
        rotate.put("OldNodeKey", node.nodeKey).put("NodeKey", newKey);
        assertThat(node.register(rotate.toString()).get("MachineAuthorized").asBoolean()).isTrue();
        JsonNode rotated = watcher.next(m -> m.has("PeersChanged")
                && m.get("PeersChanged").get(0).get("ID").asLong() == id, "the rotated peer");
        assertThat(rotated.get("PeersChanged").get(0).get("Key").asText()).isEqualTo(newKey);
        assertThat(server.bean(NodeAdmin.class).get(id).nodeKey()).isEqualTo(newKey);

        ObjectNode logout = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "cycle"));
        logout.put("NodeKey", newKey).put("Expiry", "1970-01-01T00:02:03Z");
        JsonNode loggedOut = node.register(logout.toString());
        assertThat(loggedOut.get("NodeKeyExpired").asBoolean()).isTrue();
        assertThat(loggedOut.get("MachineAuthorized").asBoolean()).isFalse();
        JsonNode removed = watcher.next(m -> m.has("PeersRemoved"), "the logged-out peer removed");
        assertThat(removed.get("PeersRemoved").get(0).asLong()).isEqualTo(id);

        String loginKey = ProtocolNode.randomNodeKey();
        ObjectNode again = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(reusable, "cycle"));
        again.put("NodeKey", loginKey);
        assertThat(node.register(again.toString()).get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(server.bean(NodeAdmin.class).get(id).nodeKey()).isEqualTo(loginKey);
        assertThat(server.bean(NodeAdmin.class).get(id).isExpired(Instant.now())).isFalse();
        JsonNode back = watcher.next(m -> m.has("PeersChanged")
                && m.get("PeersChanged").get(0).get("ID").asLong() == id, "the peer back after login");
        assertThat(back.get("PeersChanged").get(0).get("Key").asText()).isEqualTo(loginKey);
        watcher.cancel();
    }

    @Test
    @Order(15)
    void aTaggedEphemeralKeyMakesATagOwnedNodeThatIsDeletedOnLogout() throws Exception {
        String tagged = key(false, true, List.of("tag:server"));
        ProtocolNode node = connect(ProtocolNode.randomNodeKey());
        JsonNode joined = node.register(node.registerBody(tagged, "tagged"));
        assertThat(joined.get("User").get("ID").asLong()).isEqualTo(2147455555L);
        var view = server.bean(NodeAdmin.class).list(Optional.empty()).stream()
                .filter(n -> n.givenName().equals("tagged")).findFirst().orElseThrow();
        assertThat(view.tags()).containsExactly("tag:server");
        assertThat(view.userId()).isEmpty();
        assertThat(view.ephemeral()).isTrue();

        ObjectNode logout = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, "tagged"));
        logout.put("Expiry", "1970-01-01T00:02:03Z");
        assertThat(node.register(logout.toString()).get("NodeKeyExpired").asBoolean()).isTrue();
        assertThat(server.bean(NodeAdmin.class).list(Optional.empty())).noneMatch(n -> n.id() == view.id());
    }

    @Test
    @Order(16)
    void theMapBenchmarkMeasuresFirstMapsAndTheSpreadOfAnEndpointChange() throws Exception {
        MapBenchmark.Result result = new MapBenchmark(address, false, clients.serverKey(), key(true, false, List.of()), 4,
                Duration.ofSeconds(ProtocolNode.WAIT_SECONDS)).run(5, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(result.nodes()).isEqualTo(5);
        assertThat(result.endpointChange().count()).isEqualTo(4);
        assertThat(result.endpointChange().p99()).isGreaterThanOrEqualTo(result.endpointChange().median());
    }

    /** Group A may reach tag:server on 443 and nothing else; carol's node is unrelated to both. */
    private static final String POLICY_SERVER_ONLY = """
            {
              // alice is in group A
              "groups": {"group:a": ["alice@example.com"]},
              "tagOwners": {"tag:server": ["alice@example.com"]},
              "acls": [
                {"action": "accept", "src": ["group:a"], "dst": ["tag:server:443"]},
              ],
            }
            """;

    /** As above, and group A may also reach carol's devices on 22 and the subnet 10.0.0.0/24. */
    private static final String POLICY_SERVER_CAROL_AND_SUBNET = """
            {
              "groups": {"group:a": ["alice@example.com"]},
              "tagOwners": {"tag:server": ["alice@example.com"]},
              "acls": [
                {"action": "accept", "src": ["group:a"], "dst": ["tag:server:443"]},
                {"action": "accept", "src": ["group:a"], "dst": ["carol@example.com:22", "10.0.0.0/24:*"]},
              ],
            }
            """;

    private ProtocolNode.MapStream serverStream;
    private ProtocolNode.MapStream laptopStream;
    private ProtocolNode.MapStream otherStream;
    private ProtocolNode laptop;
    private ProtocolNode serverNode;
    private long serverId;
    private long laptopId;
    private long otherId;
    private String laptopIpv4;

    private static List<Long> ids(JsonNode nodes) {
        List<Long> ids = new ArrayList<>();
        if (nodes != null) {
            nodes.forEach(n -> ids.add(n.isNumber() ? n.asLong() : n.get("ID").asLong()));
        }
        return ids;
    }

    private RunningServer.Reply setPolicy(String text) throws Exception {
        RunningServer.Reply reply = api("PUT", "/api/v1/policy",
                ProtocolNode.JSON.createObjectNode().put("policy", text).toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        return reply;
    }

    @Test
    @Order(17)
    void aPolicyDecidesPeersAndPacketFiltersOfOpenStreams() throws Exception {
        UserView carol = server.bean(UserAdmin.class).create("carol", "Carol", "carol@example.com", ADMIN);
        PreAuthKeyAdmin keys = server.bean(PreAuthKeyAdmin.class);
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
        serverNode = connect(ProtocolNode.randomNodeKey());
        assertThat(serverNode.register(serverNode.registerBody(key(false, false, List.of("tag:server")), "server"))
                .get("MachineAuthorized").asBoolean()).isTrue();
        laptop = connect(ProtocolNode.randomNodeKey());
        assertThat(laptop.register(laptop.registerBody(key(false, false, List.of()), "laptop"))
                .get("MachineAuthorized").asBoolean()).isTrue();
        ProtocolNode other = connect(ProtocolNode.randomNodeKey());
        assertThat(other.register(other.registerBody(keys.create(Optional.of(carol.id()), false, false, expiry, List.of(), ADMIN)
                .text(), "other")).get("MachineAuthorized").asBoolean()).isTrue();

        serverStream = serverNode.openMapStream(serverNode.mapStreamBody());
        serverId = serverStream.first().get("Node").get("ID").asLong();
        otherStream = other.openMapStream(other.mapStreamBody());
        otherId = otherStream.first().get("Node").get("ID").asLong();
        laptopStream = laptop.openMapStream(laptop.mapStreamBody());
        JsonNode before = laptopStream.first();
        laptopId = before.get("Node").get("ID").asLong();
        laptopIpv4 = before.get("Node").get("Addresses").get(0).asText().replace("/32", "");
        assertThat(names(before.get("Peers"))).as("no policy yet: allow-all")
                .contains("server.tail.example.", "other.tail.example.");
        assertThat(before.has("SSHPolicy")).isFalse();

        setPolicy(POLICY_SERVER_ONLY);

        // The first policy is a delta from the allow-all view: peers the policy hides are removed.
        JsonNode laptopChange = laptopStream.next(m -> m.has("PacketFilters"), "the laptop's policy");
        assertThat(laptopChange.has("Peers")).isFalse();
        assertThat(ids(laptopChange.get("PeersRemoved"))).contains(otherId).doesNotContain(serverId);
        assertThat(laptopChange.get("PacketFilters").get("base")).as("a pure source accepts nothing").isEmpty();

        JsonNode serverChange = serverStream.next(m -> m.has("PacketFilters"), "the server's packet filter");
        JsonNode rule = serverChange.get("PacketFilters").get("base").get(0);
        List<String> sources = new ArrayList<>();
        rule.get("SrcIPs").forEach(ip -> sources.add(ip.asText()));
        assertThat(sources).contains(laptopIpv4).doesNotContain("*");
        assertThat(rule.get("DstPorts").get(0).get("Ports").get("First").asInt()).isEqualTo(443);
        assertThat(rule.get("DstPorts").get(0).get("Ports").get("Last").asInt()).isEqualTo(443);
        assertThat(ids(serverChange.get("PeersRemoved"))).contains(otherId).doesNotContain(laptopId);

        JsonNode otherChange = otherStream.next(m -> ids(m.get("PeersRemoved")).contains(serverId),
                "the server removed from the unrelated node");
        assertThat(ids(otherChange.get("PeersRemoved"))).contains(laptopId);

        // A stream opened now gets the same in its first map.
        laptopStream = laptop.openMapStream(laptop.mapStreamBody());
        JsonNode first = laptopStream.first();
        assertThat(names(first.get("Peers"))).contains("server.tail.example.").doesNotContain("other.tail.example.");
        assertThat(first.get("PacketFilters").get("base")).isEmpty();
        assertThat(first.get("SSHPolicy").get("rules")).isEmpty();
        JsonNode serverPeer = first.get("Peers").get(ids(first.get("Peers")).indexOf(serverId));
        assertThat(serverPeer.get("AllowedIPs")).hasSize(2);
    }

    @Test
    @Order(18)
    void aNewPolicySetOverTheApiReachesOpenStreams() throws Exception {
        setPolicy(POLICY_SERVER_CAROL_AND_SUBNET);

        JsonNode laptopChange = laptopStream.next(m -> ids(m.get("PeersChanged")).contains(otherId),
                "carol's node visible again");
        assertThat(names(laptopChange.get("PeersChanged"))).contains("other.tail.example.");
        JsonNode otherChange = otherStream.next(m -> m.has("PacketFilters"), "carol's node's packet filter");
        JsonNode rule = otherChange.get("PacketFilters").get("base").get(0);
        assertThat(rule.get("SrcIPs").toString()).contains(laptopIpv4);
        assertThat(rule.get("DstPorts").get(0).get("Ports").get("First").asInt()).isEqualTo(22);
        assertThat(ids(otherChange.get("PeersChanged"))).contains(laptopId).doesNotContain(serverId);
    }

    @Test
    @Order(19)
    void anApprovedSubnetRouteJoinsTheRoutersAllowedIps() throws Exception {
        ObjectNode advertise = (ObjectNode) ProtocolNode.JSON.readTree(serverNode.mapStreamBody());
        advertise.put("Stream", false).put("OmitPeers", true);
        advertise.putObject("Hostinfo").put("Hostname", "server").putArray("RoutableIPs").add("10.0.0.0/24");
        assertThat(serverNode.post("/machine/map", advertise.toString()).status()).isEqualTo(200);
        NodeAdmin nodes = server.bean(NodeAdmin.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ProtocolNode.WAIT_SECONDS);
        while (!nodes.get(serverId).advertisedRoutes().contains("10.0.0.0/24") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(nodes.get(serverId).advertisedRoutes()).contains("10.0.0.0/24");

        RunningServer.Reply approved = api("POST", "/api/v1/node/" + serverId + "/approve_routes",
                "{\"routes\":[\"10.0.0.0/24\"]}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);

        JsonNode changed = laptopStream.next(m -> m.has("PeersChanged") && m.get("PeersChanged").toString()
                .contains("10.0.0.0/24"), "the router with its approved route");
        JsonNode router = changed.get("PeersChanged").get(ids(changed.get("PeersChanged")).indexOf(serverId));
        List<String> allowed = new ArrayList<>();
        router.get("AllowedIPs").forEach(ip -> allowed.add(ip.asText()));
        assertThat(allowed).contains("10.0.0.0/24");
        assertThat(router.get("PrimaryRoutes").get(0).asText()).isEqualTo("10.0.0.0/24");
    }

    @Test
    @Order(20)
    void theMapANodeWasServedIsAnsweredAgainFromTheLog() throws Exception {
        laptopStream = laptop.openMapStream(laptop.mapStreamBody());
        JsonNode served = laptopStream.first();
        Instant servedAt = Instant.now();
        while (!Instant.now().isAfter(servedAt)) {
            Thread.onSpinWait();
        }
        setPolicy(POLICY_SERVER_ONLY);
        JsonNode later = laptopStream.next(m -> m.has("PeersRemoved"), "the later policy hiding carol's node");
        assertThat(ids(later.get("PeersRemoved"))).contains(otherId);

        String at = java.net.URLEncoder.encode(servedAt.toString(), java.nio.charset.StandardCharsets.UTF_8);
        RunningServer.Reply past = api("GET", "/api/v1/history/netmap?node=" + laptopId + "&at=" + at, null);
        assertThat(past.status()).as(past.body()).isEqualTo(200);
        assertThat(MapParts.of(past.json())).isEqualTo(MapParts.of(served));
        assertThat(ids(past.json().get("Peers"))).contains(otherId);
        RunningServer.Reply byName = api("GET", "/api/v1/history/netmap?node=laptop&at=" + at, null);
        assertThat(MapParts.of(byName.json())).isEqualTo(MapParts.of(served));

        String now = java.net.URLEncoder.encode(Instant.now().toString(), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode present = api("GET", "/api/v1/history/netmap?node=" + laptopId + "&at=" + now, null).json();
        assertThat(ids(present.get("Peers"))).doesNotContain(otherId);
        assertThat(api("GET", "/api/v1/history/netmap?node=no-such-node&at=" + at, null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/history/netmap?node=" + laptopId, null).status()).isEqualTo(400);

        // Who could reach carol's node then, and by which rule; and no one can now.
        JsonNode then = api("GET", "/api/v1/history/access?dst=other&at=" + at, null).json();
        assertThat(then.get("policyInForce").asBoolean()).isTrue();
        assertThat(then.get("rows")).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("rule").asText()).isEqualTo("acls[1]");
            assertThat(row.get("source").asText()).isEqualTo("group:a");
            assertThat(row.get("ports").asText()).isEqualTo("22");
            assertThat(row.get("sourceIps").toString()).contains(laptopIpv4);
        });
        assertThat(api("GET", "/api/v1/history/access?dst=other&at=" + now, null).json().get("rows")).isEmpty();
        assertThat(api("GET", "/api/v1/history/access?dst=tag:server&port=443&at=" + now, null).json().get("rows")).isNotEmpty();
        assertThat(api("GET", "/api/v1/history/access?dst=autogroup:nonsense&at=" + now, null).status()).isEqualTo(400);

        // Putting the earlier policy back would open carol's node on 22 again, and close nothing.
        JsonNode impact = api("POST", "/api/v1/policy/impact", ProtocolNode.JSON.createObjectNode()
                .put("policy", POLICY_SERVER_CAROL_AND_SUBNET).toString()).json();
        assertThat(impact.get("lost")).isEmpty();
        assertThat(impact.get("gained")).anySatisfy(row -> {
            assertThat(row.get("destination").get("name").asText()).isEqualTo("other");
            assertThat(row.get("ports").asText()).isEqualTo("22");
        });
        assertThat(api("POST", "/api/v1/policy/impact", "{\"policy\": \"{\\\"acls\\\": 5}\"}").status())
                .isEqualTo(400);
    }

    @Test
    @Order(21)
    void theMapBenchmarkTimesAPolicyChangeReachingEveryStream() throws Exception {
        // The earlier tests' policies keep unrelated nodes apart; the bench's nodes must see each other.
        assertThat(api("PUT", "/api/v1/policy", ProtocolNode.JSON.createObjectNode()
                .put("policy", "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}")
                .toString()).status()).isEqualTo(200);
        List<String> published = new java.util.ArrayList<>();
        MapBenchmark.Result result = new MapBenchmark(address, false, clients.serverKey(), key(true, false, List.of()), 4,
                Duration.ofSeconds(ProtocolNode.WAIT_SECONDS)).run(5, new PrintStream(OutputStream.nullOutputStream()),
                Optional.of(text -> {
                    published.add(text);
                    RunningServer.Reply reply = api("PUT", "/api/v1/policy",
                            ProtocolNode.JSON.createObjectNode().put("policy", text).toString());
                    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
                }), Optional.empty());
        assertThat(published).hasSize(1);
        assertThat(result.policyChange()).hasValueSatisfying(change -> {
            assertThat(change.count()).isEqualTo(5);
            assertThat(change.p99()).isGreaterThanOrEqualTo(change.median());
        });
    }
}
