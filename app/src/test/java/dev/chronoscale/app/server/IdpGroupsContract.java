package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.admin.groups.IdpGroupSync;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserCommands.ImportUser;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryViews.UserView;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak groups in the policy, against a real server and the real Keycloak of {@link TestKeycloak}: the sync (on
 * demand through the CLI and the API, and at start), the policy naming {@code idp:} groups, the change reaching the
 * affected map stream of real protocol clients and no other, and the memberships of the past. Subclasses choose the
 * database.
 *
 * <p>The Keycloak is shared by the JVM, so the users whose memberships change are made here, with a suffix of their own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class IdpGroupsContract {

    private static final AuditContext ADMIN = AuditContext.system("test");

    private final String suffix = UUID.randomUUID().toString().substring(0, 8);
    private final String erin = "erin-" + suffix;
    private final String frank = "frank-" + suffix;

    private TestKeycloak keycloak;
    private Path dir;
    private RunningServer server;
    private String apiKey;
    private UserView erinUser;
    private UserView frankUser;
    private Instant beforeSync;
    private Instant afterFirstSync;
    private Instant beforeJoiningOps;
    private Instant afterJoiningOps;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        keycloak = TestKeycloak.shared();
        keycloak.createUser(erin, erin + "@example.com", true, "/contractors");
        keycloak.createUser(frank, frank + "@example.com", true, "/ops/oncall");
        dir = Files.createTempDirectory("chronoscale-idp-groups");
        server = startServer();
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
    }

    /** Made once: a restart must find the same database (each {@link #databaseYaml()} may name a new one). */
    private String config;

    private String config() {
        if (config == null) {
            config = newConfig();
        }
        return config;
    }

    private String newConfig() {
        return "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\ndns:\n  base_domain: tail.example\n"
                + "oidc:\n  groups:\n    source: keycloak\n    sync_interval: 0\n    keycloak:\n"
                + "      server_url: " + keycloak.serverUrl() + "\n      realm: " + TestKeycloak.REALM + "\n"
                + "      client_id: " + TestKeycloak.SYNC_CLIENT_ID + "\n"
                + "      client_secret_path: ${CREDENTIALS_DIRECTORY}/keycloak_sync_secret\n"
                + databaseYaml();
    }

    /** The secret is read from a file named with an environment variable, as systemd's credentials are. */
    private RunningServer startServer() throws Exception {
        Path credentials = Files.createDirectories(dir.resolve("credentials"));
        Files.writeString(credentials.resolve("keycloak_sync_secret"), TestKeycloak.SYNC_CLIENT_SECRET + "\n");
        RunningServer started = RunningServer.start(dir, config(), java.util.Map.of("CREDENTIALS_DIRECTORY", credentials.toString()));
        started.bean(GroupSyncJob.class).firstRun().get(ProtocolNode.WAIT_SECONDS, java.util.concurrent.TimeUnit.SECONDS);
        return started;
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    /**
     * Set-up until the OIDC login is merged: a user linked to a Keycloak user as that login links them, by provider
     * identifier {@code <issuer>/<subject>}, made with the domain's ImportUser command through the server's own sender.
     */
    private UserView linkedUser(String username) throws Exception {
        String subject = keycloak.adminGet("users?exact=true&username=" + username).get(0).get("id").asText();
        long id = server.bean(IdSequence.class).next(IdSequence.Kind.USER);
        server.bean(AuditedCommandSender.class).send(new ImportUser(id, username, username, username + "@example.com",
                keycloak.issuer() + "/" + subject, null, null), ADMIN, "user " + id);
        return server.bean(UserAdmin.class).get(id);
    }

    private RunningServer.Reply api(String method, String path, String body) throws Exception {
        return server.send(method, path, body, Optional.of(apiKey));
    }

    private CliRun cli(String... args) {
        CliRun run = server.cli(args);
        assertThat(run.status()).as(run.err()).isZero();
        return run;
    }

    private JsonNode json(CliRun run) throws Exception {
        JsonNode json = ProtocolNode.JSON.readTree(run.out());
        assertThat(json.isObject() || json.isArray()).as(run.out()).isTrue();
        return json;
    }

    private void setPolicy(String text) throws Exception {
        RunningServer.Reply reply = api("PUT", "/api/v1/policy", ProtocolNode.JSON.createObjectNode().put("policy", text).toString());
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    private List<JsonNode> groupEvents() throws Exception {
        JsonNode records = api("GET", "/api/v1/history/events?from=-1d&action=user.groups_changed&limit=1000", null).json()
                .get("records");
        List<JsonNode> out = new ArrayList<>();
        records.forEach(r -> {
            if (r.get("target").get("name").asText().endsWith(suffix)) {
                out.add(r);
            }
        });
        return out;
    }

    private static final String POLICY = """
            {"groups": {"group:ops": ["idp:/ops"], "group:contractors": ["idp:/contractors"], "group:admins": ["admin@"]},
             "tagOwners": {"tag:db": ["group:admins"], "tag:web": ["group:admins"]},
             "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["tag:db:5432"]},
                      {"action": "accept", "src": ["group:contractors"], "dst": ["tag:web:443"]}]}
            """;

    @Test
    @Order(1)
    void anOnDemandSyncRecordsEachLinkedUsersGroupsOnceAndPrintsWhatChanged() throws Exception {
        erinUser = linkedUser(erin);
        frankUser = linkedUser(frank);
        server.bean(UserAdmin.class).create("local-" + suffix, null, null, ADMIN);
        setPolicy(POLICY);
        beforeSync = Instant.now();

        CliRun sync = cli("users", "sync-groups");
        assertThat(sync.out()).contains(erin).contains("/contractors").contains(frank).contains("/ops/oncall")
                .contains("2 of 2 users linked to " + keycloak.issuer() + " changed groups");
        afterFirstSync = Instant.now();

        // The same memberships again: nothing is recorded.
        JsonNode again = json(cli("users", "sync-groups", "-o", "json"));
        assertThat(again.get("changes")).isEmpty();
        assertThat(again.get("linkedUsers").asInt()).isEqualTo(2);
        assertThat(groupEvents()).hasSize(2);
        JsonNode erinEvent = groupEvents().stream().filter(e -> e.get("target").get("name").asText().equals(erin)).findFirst()
                .orElseThrow();
        assertThat(texts(erinEvent.get("details").get("added"))).containsExactly("/contractors");
        assertThat(erinEvent.get("details").get("source").asText()).isEqualTo("keycloak");
        assertThat(erinEvent.get("actor").get("type").asText()).isEqualTo("LOCAL_CLI");

        // A subgroup's member is in the policy group of its parent: /ops/oncall counts for idp:/ops.
        JsonNode frankGroups = json(cli("users", "groups", "-n", frank, "-o", "json"));
        assertThat(texts(frankGroups.get("idpGroups"))).containsExactly("/ops/oncall");
        assertThat(texts(frankGroups.get("policyGroups"))).containsExactly("group:ops");
        CliRun erinGroups = cli("users", "groups", "-n", erin);
        assertThat(erinGroups.out()).contains("/contractors").contains("group:contractors").doesNotContain("group:ops");

        // Headscale's user objects keep Headscale's fields, with only the roles beside them (names Headscale's proto
        // does not use): the groups have routes of their own.
        JsonNode listed = api("GET", "/api/v1/user?id=" + erinUser.id(), null).json().get("users");
        Set<String> fields = new java.util.TreeSet<>();
        listed.get(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactlyInAnyOrder("id", "name", "createdAt", "displayName", "email", "providerId",
                "provider", "profilePicUrl", "roles", "idpRoles");
        RunningServer.Reply byApi = api("GET", "/api/v1/user/" + erinUser.id() + "/groups", null);
        assertThat(byApi.status()).isEqualTo(200);
        assertThat(texts(byApi.json().get("policyGroups"))).containsExactly("group:contractors");
    }

    @Test
    @Order(2)
    void aMembershipChangeReachesTheAffectedStreamAsOneDeltaAndNoOtherStream() throws Exception {
        UserView admin = server.bean(UserAdmin.class).create("admin", null, null, ADMIN);
        PreAuthKeyAdmin keys = server.bean(PreAuthKeyAdmin.class);
        Instant expiry = Instant.now().plus(1, ChronoUnit.HOURS);
        try (ProtocolClients clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress())) {
            ProtocolNode db = clients.connect(ProtocolNode.randomNodeKey());
            db.register(db.registerBody(keys.create(Optional.of(admin.id()), false, false, expiry, List.of("tag:db"), ADMIN).text(), "db"));
            ProtocolNode web = clients.connect(ProtocolNode.randomNodeKey());
            web.register(web.registerBody(keys.create(Optional.of(admin.id()), false, false, expiry, List.of("tag:web"), ADMIN).text(), "web"));
            ProtocolNode laptop = clients.connect(ProtocolNode.randomNodeKey());
            laptop.register(laptop.registerBody(keys.create(Optional.of(erinUser.id()), false, false, expiry, List.of(), ADMIN)
                    .text(), "erin-laptop"));

            ProtocolNode.MapStream laptopStream = laptop.openMapStream(laptop.mapStreamBody());
            JsonNode laptopFirst = laptopStream.first();
            long laptopId = laptopFirst.get("Node").get("ID").asLong();
            String laptopIp = laptopFirst.get("Node").get("Addresses").get(0).asText().replace("/32", "");
            ProtocolNode.MapStream dbStream = db.openMapStream(db.mapStreamBody());
            JsonNode dbFirst = dbStream.first();
            assertThat(dbFirst.get("PacketFilters").get("base").toString()).doesNotContain(laptopIp);
            ProtocolNode.MapStream webStream = web.openMapStream(web.mapStreamBody());
            JsonNode webFirst = webStream.first();
            long webId = webFirst.get("Node").get("ID").asLong();
            assertThat(webFirst.get("PacketFilters").get("base").toString()).contains(laptopIp);

            // erin joins /ops at Keycloak: after the sync, the database accepts her laptop on 5432.
            beforeJoiningOps = Instant.now();
            keycloak.addToGroup(erin, "/ops");
            JsonNode sync = json(cli("users", "sync-groups", "-o", "json"));
            assertThat(sync.get("changes")).hasSize(1);
            assertThat(texts(sync.get("changes").get(0).get("added"))).containsExactly("/ops");

            JsonNode dbChange = dbStream.next(m -> m.has("PacketFilters"), "the database's new packet filter");
            JsonNode rule = dbChange.get("PacketFilters").get("base").get(0);
            assertThat(texts(rule.get("SrcIPs"))).contains(laptopIp);
            assertThat(rule.get("DstPorts").get(0).get("Ports").get("First").asInt()).isEqualTo(5432);
            assertThat(ids(dbChange.get("PeersChanged"))).as("the laptop becomes the database's peer").contains(laptopId);
            afterJoiningOps = Instant.now();

            // The web server's rules did not change: up to a later change of its own (a rename), it got no map.
            RunningServer.Reply renamed = api("POST", "/api/v1/node/" + webId + "/rename/web-marker", null);
            assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
            List<JsonNode> webMessages = webStream.until(m -> m.toString().contains("web-marker"), "the web server's rename");
            for (JsonNode message : webMessages) {
                assertThat(message.has("PacketFilters")).as("no new packet filter for the web server: " + message).isFalse();
                assertThat(message.has("PeersChanged") || message.has("PeersRemoved") || message.has("Peers"))
                        .as("no peer change for the web server: " + message).isFalse();
                assertThat(message.toString()).as("no profile update: clients are not shown the groups")
                        .doesNotContain(erin + "@example.com");
            }
            for (JsonNode message : webMessages.subList(0, webMessages.size() - 1)) {
                assertThat(message.path("KeepAlive").asBoolean()).as("only keep-alives before the rename: " + message).isTrue();
            }
        }
    }

    private static List<Long> ids(JsonNode nodes) {
        List<Long> out = new ArrayList<>();
        if (nodes != null) {
            nodes.forEach(n -> out.add(n.path("ID").asLong()));
        }
        return out;
    }

    @Test
    @Order(3)
    void whoWasInAPolicyGroupAtAnInstantIsAnsweredFromTheLog() throws Exception {
        // Was erin in group:contractors before the first sync, and after it?
        JsonNode before = json(cli("users", "groups", "-n", erin, "--at", beforeSync.toString(), "-o", "json"));
        assertThat(before.get("idpGroups")).isEmpty();
        assertThat(before.get("policyGroups")).isEmpty();
        JsonNode after = json(cli("users", "groups", "-n", erin, "--at", afterFirstSync.toString(), "-o", "json"));
        assertThat(texts(after.get("idpGroups"))).containsExactly("/contractors");
        assertThat(texts(after.get("policyGroups"))).containsExactly("group:contractors");
        // Now she is in /ops as well.
        assertThat(texts(json(cli("users", "groups", "-n", erin, "-o", "json")).get("policyGroups")))
                .containsExactly("group:contractors", "group:ops");

        // When it happened and who did it: the events of the window.
        CliRun events = cli("history", "events", "--from", beforeSync.toString(), "--user", erin,
                "--action", "user.groups_changed");
        assertThat(events.out()).contains("user.groups_changed").contains("idpGroups: [] -> [\"/contractors\"]")
                .contains("idpGroups: [\"/contractors\"] -> [\"/contractors\",\"/ops\"]");
        // And the access it gave, as it was.
        // And the access her laptop had through the policy groups, before and after she joined /ops.
        CliRun accessBefore = cli("history", "access", "--at", beforeJoiningOps.toString(), "--src", "erin-laptop");
        assertThat(accessBefore.out()).containsPattern("group:contractors +\\| web ").doesNotContain("group:ops");
        CliRun accessAfter = cli("history", "access", "--at", afterJoiningOps.toString(), "--src", "erin-laptop");
        assertThat(accessAfter.out()).containsPattern("group:ops +\\| db .*\\| 5432 ").containsPattern("group:contractors +\\| web ");
    }

    @Test
    @Order(4)
    void groupsFromALoginsClaimAreRecordedWithTheirSource() throws Exception {
        // The seam the OIDC login calls after each login with the token's groups claim.
        IdpGroupSync sync = server.bean(IdpGroupSync.class);
        AuditContext login = new AuditContext(dev.chronoscale.domain.audit.ActorType.OIDC, "subject-of-frank",
                Optional.empty(), Optional.empty());
        assertThat(sync.applyClaimGroups(frankUser.id(), List.of("/ops/oncall", "/auditors"), login)).isPresent();
        assertThat(sync.applyClaimGroups(frankUser.id(), List.of("/auditors", "/ops/oncall"), login)).isEmpty();

        JsonNode groups = json(cli("users", "groups", "-n", frank, "-o", "json"));
        assertThat(texts(groups.get("idpGroups"))).containsExactly("/auditors", "/ops/oncall");
        JsonNode claim = groupEvents().stream().filter(e -> e.get("details").get("source").asText().equals("oidc-claim"))
                .findFirst().orElseThrow();
        assertThat(texts(claim.get("details").get("added"))).containsExactly("/auditors");
        assertThat(claim.get("actor").get("type").asText()).isEqualTo("OIDC");
        assertThat(claim.get("actor").get("id").asText()).isEqualTo("subject-of-frank");
    }

    @Test
    @Order(5)
    void anIdpGroupOutsideAPolicyGroupIsAClearErrorAndChangesNothing() throws Exception {
        RunningServer.Reply refused = api("PUT", "/api/v1/policy", ProtocolNode.JSON.createObjectNode().put("policy", """
                {"acls": [{"action": "accept", "src": ["idp:/ops"], "dst": ["*:*"]}]}""").toString());
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("detail").asText()).contains("\"idp:/ops\": an identity provider group is named only"
                + " as a member of a policy group");
        assertThat(api("GET", "/api/v1/policy", null).json().get("policy").asText()).contains("group:contractors");
    }

    @Test
    @Order(6)
    void aWrongSecretIsAClearErrorThatNamesNoSecretAndChangesNothing() throws Exception {
        Path other = Files.createTempDirectory("chronoscale-idp-groups-bad");
        String wrongSecret = "not-the-secret-" + suffix;
        try (RunningServer bad = RunningServer.start(other, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + other.resolve("data") + "\n"
                + "oidc:\n  groups:\n    source: keycloak\n    keycloak:\n"
                + "      server_url: " + keycloak.serverUrl() + "\n      realm: " + TestKeycloak.REALM + "\n"
                + "      client_id: " + TestKeycloak.SYNC_CLIENT_ID + "\n      client_secret: " + wrongSecret + "\n"
                + "database:\n  type: h2\n")) {
            CliRun run = bad.cli("users", "sync-groups");
            assertThat(run.status()).isNotZero();
            assertThat(run.err()).contains("cannot read the groups of Keycloak realm 'chronoscale'")
                    .contains("client '" + TestKeycloak.SYNC_CLIENT_ID + "'").contains("401").contains("nothing was changed")
                    .doesNotContain(wrongSecret);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(other.toFile());
        }
    }

    @Test
    @Order(7)
    void theSyncAtStartRecordsWhatChangedWhileTheServerWasDown() throws Exception {
        int recorded = groupEvents().size();
        server.close();
        keycloak.removeFromGroup(frank, "/ops/oncall");
        server = startServer();

        // The sync at start runs on its own thread: wait for its event.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(ProtocolNode.WAIT_SECONDS);
        while (groupEvents().size() == recorded && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<JsonNode> events = groupEvents();
        assertThat(events).hasSize(recorded + 1);
        JsonNode atStart = events.get(events.size() - 1);
        assertThat(atStart.get("target").get("name").asText()).isEqualTo(frank);
        // The claim had added /auditors; Keycloak's set is the truth at the next sync.
        assertThat(texts(atStart.get("details").get("removed"))).containsExactly("/auditors", "/ops/oncall");
        assertThat(atStart.get("actor").get("type").asText()).isEqualTo("SYSTEM");
        assertThat(atStart.get("actor").get("id").asText()).isEqualTo("group-sync");
        assertThat(json(cli("users", "groups", "-n", frank, "-o", "json")).get("policyGroups")).isEmpty();
    }
}
