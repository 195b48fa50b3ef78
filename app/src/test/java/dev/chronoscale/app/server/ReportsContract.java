package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.UserView;
import dev.chronoscale.netmap.Netmap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayInputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compliance reports on a history made through the real surfaces: users and API keys, policies set with
 * reasons, nodes registered with the Tailscale protocol (one advertising routes, one rotating its key), a route
 * approved, a node deleted. Each report is then asked for at instants along that history and its rows checked
 * against what happened; every format is checked offline with {@code report verify}. Subclasses choose the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ReportsContract {

    private static final AuditContext ADMIN = AuditContext.system("test setup");
    private static final String V1 = """
            {"groups": {"group:eng": ["alice@example.com"]},
             "tagOwners": {"tag:db": ["alice@example.com"], "tag:router": ["alice@example.com"]},
             "autoApprovers": {"routes": {"10.1.0.0/16": ["tag:router"]}},
             "acls": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:db:5432"]}]}""";
    private static final String V2 = """
            {"groups": {"group:eng": ["alice@example.com", "bob@example.com"]},
             "tagOwners": {"tag:db": ["alice@example.com"], "tag:router": ["alice@example.com"]},
             "autoApprovers": {"routes": {"10.1.0.0/16": ["tag:router"]}},
             "acls": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:db:5432"]},
                      {"action": "accept", "src": ["bob@example.com"], "dst": ["tag:db:22"]}]}""";

    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private String apiKey;
    private String apiKeyPrefix;
    private UserView alice;
    private UserView bob;
    private Instant t0;
    private Instant t1;
    private Instant t2;
    private Instant t3;
    private Instant rotatedAfter;
    private long laptopId;
    private long dbId;
    private long routerId;
    private long spareId;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void makeHistory() throws Exception {
        dir = Files.createTempDirectory("chronoscale-reports");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\ndns:\n  base_domain: tail.example\n" + databaseYaml());
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), ADMIN);
        apiKeyPrefix = server.bean(InventoryQueries.class).apiKeys().get(0).prefix();
        alice = server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
        bob = server.bean(UserAdmin.class).create("bob", "Bob", "bob@example.com", ADMIN);
        t0 = settled();
        ok(api("POST", "/api/v1/preauthkey", "{\"user\":\"" + alice.id() + "\",\"reusable\":true,\"expiration\":\""
                + Instant.now().plus(2, ChronoUnit.HOURS) + "\"}", "CI runners"));

        ok(api("PUT", "/api/v1/policy", policy(V1), "CHG-1 initial policy"));
        ProtocolNode laptop = join("laptop", List.of());
        laptopId = lastJoined;
        join("db", List.of("tag:db"));
        dbId = lastJoined;
        ProtocolNode router = join("router", List.of("tag:router"));
        routerId = lastJoined;
        join("spare", List.of());
        spareId = lastJoined;
        join("bob-phone", List.of(), bob);
        report(router, "router", "linux", "6.1.0", "1.82.5", List.of("10.1.0.0/16", "10.2.0.0/24"));
        report(laptop, "laptop", "macOS", "15.1", "1.82.5-t1", List.of());
        t1 = settled();

        ok(api("POST", "/api/v1/node/" + routerId + "/approve_routes", "{\"routes\":[\"10.2.0.0/24\"]}",
                "CHG-2 approve the lab subnet"));
        ok(api("PUT", "/api/v1/policy", policy(V2), "CHG-3 bob joins eng"));
        t2 = settled();

        rotatedAfter = Instant.now();
        ObjectNode rotate = (ObjectNode) ProtocolNode.JSON.readTree(laptop.registerBody(null, "laptop"));
        rotate.put("OldNodeKey", laptop.nodeKey).put("NodeKey", ProtocolNode.randomNodeKey());
        assertThat(laptop.register(rotate.toString()).get("MachineAuthorized").asBoolean()).isTrue();
        ok(api("DELETE", "/api/v1/node/" + spareId, null, "CHG-4 decommission the spare"));
        t3 = settled();
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

    @Test
    void keysAgeEachNodeKeyFromItsLastRotationAndFlagReusableKeys() throws Exception {
        JsonNode before = json("keys", "at=" + t2);
        Map<String, String> laptopBefore = row(before, "node-keys", "Node", "laptop");
        assertThat(laptopBefore.get("Last rotation")).isEqualTo("never");
        assertThat(figure(before, "Nodes")).isEqualTo("5");

        JsonNode after = json("keys", "at=" + t3);
        Instant rotated = Instant.parse(row(after, "node-keys", "Node", "laptop").get("Last rotation"));
        assertThat(rotated).isAfter(rotatedAfter).isBefore(t3);
        assertThat(row(after, "node-keys", "Node", "db").get("Last rotation")).isEqualTo("never");
        assertThat(Instant.parse(row(after, "node-keys", "Node", "db").get("Registered"))).isAfter(t0).isBefore(t1);
        assertThat(figure(after, "Nodes")).as("the spare was deleted before t3").isEqualTo("4");
        List<Map<String, String>> preAuth = rows(after, "preauth-keys");
        assertThat(preAuth).hasSize(6);
        assertThat(preAuth).extracting(key -> key.get("User")).containsOnly("alice", "bob");
        assertThat(preAuth.get(0).get("Reusable")).as("the flagged key comes first").isEqualTo("yes");
        assertThat(preAuth.get(0).get("Flags")).isEqualTo("unexpired and reusable");
        assertThat(preAuth.subList(1, 6)).as("the keys the nodes used once").allSatisfy(key -> {
            assertThat(key.get("Used")).isEqualTo("yes");
            assertThat(key.get("Flags")).isEmpty();
        });
        assertThat(figure(after, "Pre-auth keys flagged")).isEqualTo("1");
        assertThat(rows(after, "api-keys")).extracting(k -> k.get("State")).contains("valid");
    }

    @Test
    void accessReviewSaysWhoCouldReachWhatThroughWhichRuleAndWhoGrantedIt() throws Exception {
        JsonNode atT1 = json("access-review", "at=" + t1);
        List<Map<String, String>> people = rows(atT1, "access-by-person");
        assertThat(people).as("bob has a device but is not in group:eng yet").extracting(p -> p.get("User")).containsOnly("alice");
        Map<String, String> alices = people.get(0);
        assertThat(alices.get("Through")).isEqualTo("group:eng");
        assertThat(alices.get("Ports")).isEqualTo("5432");
        assertThat(alices.get("Destinations")).isEqualTo("1 node: db");
        assertThat(alices.get("Granted in")).isEqualTo("v1");
        assertThat(alices.get("Granted by")).startsWith("API_KEY " + apiKeyPrefix);
        Map<String, String> principal = row(atT1, "access-by-principal", "Principal", "group:eng");
        assertThat(principal.get("Members")).isEqualTo("alice@example.com");
        assertThat(principal.get("Reason")).isEqualTo("CHG-1 initial policy");
        assertThat(Instant.parse(principal.get("Granted at"))).isAfter(t0).isBefore(t1);
        assertThat(row(atT1, "access-by-node", "Node", "db").get("Sources")).isEqualTo("group:eng");

        JsonNode atT3 = json("access-review", "at=" + t3);
        List<Map<String, String>> bobs = rows(atT3, "access-by-person").stream().filter(p -> p.get("User").equals("bob")).toList();
        assertThat(bobs).extracting(p -> p.get("Through") + " " + p.get("Ports") + " " + p.get("Granted in"))
                .containsExactlyInAnyOrder("bob@example.com 22 v2", "group:eng 5432 v1");
        Instant bobInEngSince = Instant.parse(bobs.stream().filter(p -> p.get("Through").equals("group:eng")).findFirst()
                .orElseThrow().get("Since"));
        assertThat(bobInEngSince).as("bob reaches db through group:eng since he joined it in v2").isAfter(t1).isBefore(t2);
        Instant aliceSince = Instant.parse(row(atT3, "access-by-person", "User", "alice").get("Since"));
        assertThat(aliceSince).as("alice's access dates from v1").isAfter(t0).isBefore(t1);
    }

    @Test
    void accessChangesListEachPolicyChangeWithItsAuthorReasonDiffAndRows() throws Exception {
        JsonNode changes = json("access-changes", "from=" + t0 + "&to=" + t3);
        List<Map<String, String>> versions = rows(changes, "policy-changes");
        assertThat(versions).extracting(v -> v.get("Version") + " " + v.get("Reason"))
                .containsExactly("v1 CHG-1 initial policy", "v2 CHG-3 bob joins eng");
        assertThat(versions.get(1).get("Actor")).startsWith("API_KEY " + apiKeyPrefix);
        assertThat(rows(changes, "access-gained")).filteredOn(r -> r.get("Version").equals("v2"))
                .extracting(r -> r.get("Source") + " -> " + r.get("Destinations") + ":" + r.get("Ports"))
                .as("bob's own rule, and group:eng now with bob's device among its sources")
                .containsExactlyInAnyOrder("bob@example.com -> 1 node: db:22", "group:eng -> 1 node: db:5432");
        assertThat(rows(changes, "access-lost")).filteredOn(r -> r.get("Version").equals("v2")).isEmpty();
        assertThat(row(changes, "policy-diffs", "Version", "v2").get("Diff")).contains("+").contains("bob@example.com");

        JsonNode later = json("access-changes", "from=" + t2 + "&to=" + t3);
        assertThat(rows(later, "policy-changes")).isEmpty();
        assertThat(figure(later, "Policy in force at the end")).isEqualTo("v2");
    }

    @Test
    void routesNameWhoApprovedEachRouteAndWhatAutoApproversApproved() throws Exception {
        JsonNode routes = json("routes", "from=" + t0 + "&to=" + t3);
        List<Map<String, String>> changes = rows(routes, "route-changes");
        Map<String, String> advertised = changes.stream().filter(c -> c.get("Change").equals("advertised")).findFirst().orElseThrow();
        assertThat(advertised.get("Node id")).isEqualTo(String.valueOf(routerId));
        assertThat(advertised.get("Routes")).isEqualTo("10.1.0.0/16, 10.2.0.0/24");
        assertThat(advertised.get("Actor")).startsWith("NODE " + routerId);
        Map<String, String> approved = changes.stream().filter(c -> c.get("Change").equals("approved")).findFirst().orElseThrow();
        assertThat(approved.get("Routes")).isEqualTo("10.2.0.0/24");
        assertThat(approved.get("Actor")).startsWith("API_KEY " + apiKeyPrefix);
        assertThat(approved.get("Reason")).isEqualTo("CHG-2 approve the lab subnet");
        List<Map<String, String>> atEnd = rows(routes, "routes-at-end");
        assertThat(atEnd).extracting(r -> r.get("Route") + " " + r.get("Approval"))
                .containsExactlyInAnyOrder("10.1.0.0/16 autoApprovers", "10.2.0.0/24 administrator");

        JsonNode beforeApproval = json("routes", "from=" + t0 + "&to=" + t1);
        assertThat(rows(beforeApproval, "routes-at-end")).extracting(r -> r.get("Route") + " " + r.get("Approval"))
                .containsExactlyInAnyOrder("10.1.0.0/16 autoApprovers", "10.2.0.0/24 not approved");
    }

    @Test
    void devicesShowTheLastClientReportAndTheDevicesDeletedInThePeriod() throws Exception {
        JsonNode devices = json("devices", "from=" + t0 + "&to=" + t3);
        Map<String, String> laptop = row(devices, "devices", "Node", "laptop");
        assertThat(laptop.get("OS")).isEqualTo("macOS 15.1");
        assertThat(laptop.get("Client version")).isEqualTo("1.82.5-t1");
        assertThat(laptop.get("Owner")).isEqualTo("alice");
        assertThat(row(devices, "devices", "Node", "db").get("Owner")).isEqualTo("tag:db");
        assertThat(rows(devices, "devices")).extracting(d -> d.get("Node")).doesNotContain("spare");
        Map<String, String> deleted = row(devices, "deleted-and-expired", "Node id", String.valueOf(spareId));
        assertThat(deleted.get("Event")).isEqualTo("deleted");
        assertThat(deleted.get("Reason")).isEqualTo("CHG-4 decommission the spare");
        assertThat(deleted.get("Actor")).startsWith("API_KEY " + apiKeyPrefix);

        JsonNode earlier = json("devices", "at=" + t1);
        assertThat(rows(earlier, "devices")).extracting(d -> d.get("Node")).contains("spare");
        assertThat(rows(earlier, "deleted-and-expired")).isEmpty();
    }

    @Test
    void adminActivityListsTheAdministratorsChangesAndNotTheNodesOwn() throws Exception {
        JsonNode activity = json("admin-activity", "from=" + t0 + "&to=" + t3);
        List<Map<String, String>> actions = rows(activity, "admin-actions");
        assertThat(actions).extracting(a -> a.get("Action") + " " + a.get("Reason")).contains(
                "policy.updated CHG-1 initial policy", "route.approved CHG-2 approve the lab subnet",
                "policy.updated CHG-3 bob joins eng", "node.deleted CHG-4 decommission the spare");
        assertThat(actions).extracting(a -> a.get("Actor type")).containsOnly("API_KEY");
        assertThat(actions).extracting(a -> a.get("Action")).doesNotContain("route.advertised", "node.registered");
        assertThat(row(activity, "actors", "Actor", "API_KEY " + apiKeyPrefix).get("Actions"))
                .isEqualTo(String.valueOf(actions.size()));
    }

    @Test
    void everyFormatVerifiesOfflineAndAnEditedByteIsCaught() throws Exception {
        String publicKey = api("GET", "/api/v1/audit/public-key", null, null).json().path("publicKey").asText();
        for (String format : List.of("json", "csv", "html", "pdf")) {
            byte[] bytes = server.fetch("/api/v1/reports/access-review?format=" + format + "&at=" + encode(t3), apiKey);
            Path file = dir.resolve("review." + format);
            Files.write(file, bytes);
            CliRun intact = CliRun.of("report", "verify", file.toString(), "--public-key", publicKey);
            assertThat(intact.status()).as("%s: %s %s", format, intact.out(), intact.err()).isEqualTo(0);
            assertThat(intact.out()).startsWith("OK: access-review report (" + format + ")");

            byte[] edited = bytes.clone();
            int at = editableByte(format, bytes);
            edited[at] = (byte) (edited[at] == 'a' ? 'b' : 'a');
            Files.write(file, edited);
            CliRun tampered = CliRun.of("report", "verify", file.toString(), "--public-key", publicKey);
            assertThat(tampered.status()).as("%s edited at %d: %s", format, at, tampered.out()).isNotEqualTo(0);
        }
    }

    @Test
    void theSameReportOfTheSameLogIsByteForByteTheSame() throws Exception {
        for (String format : List.of("json", "csv")) {
            for (String kind : List.of("keys", "access-review")) {
                String query = "format=" + format + "&at=" + encode(t2);
                assertThat(server.fetch("/api/v1/reports/" + kind + "?" + query, apiKey))
                        .as("%s as %s", kind, format).isEqualTo(server.fetch("/api/v1/reports/" + kind + "?" + query, apiKey));
            }
        }
        byte[] zip = server.fetch("/api/v1/reports/keys?format=csv&at=" + encode(t3), apiKey);
        List<String> names = new ArrayList<>();
        try (ZipInputStream entries = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry entry = entries.getNextEntry(); entry != null; entry = entries.getNextEntry()) {
                names.add(entry.getName());
            }
        }
        assertThat(names).containsExactly("report.csv", "summary.csv", "node-keys.csv", "preauth-keys.csv", "api-keys.csv",
                "MANIFEST.sha256", "EVIDENCE.json");
    }

    @Test
    void aPdfReadsBackWithItsSummaryFirstAndItsRows() throws Exception {
        Path pdf = dir.resolve("review.pdf");
        Files.write(pdf, server.fetch("/api/v1/reports/access-review?format=pdf&at=" + encode(t3), apiKey));
        String text = run("pdftotext", "-layout", pdf.toString(), "-");
        assertThat(text).contains("Access review", "Tailnet: tail.example", "People with access", "2 of 2");
        assertThat(text.indexOf("Summary")).isLessThan(text.indexOf("Access by principal"));
        assertThat(text).contains("bob@example.com").contains("group:eng");
        run("pdftoppm", "-png", "-r", "40", "-f", "1", "-l", "1", pdf.toString(), dir.resolve("page").toString());
        try (var pages = Files.list(dir)) {
            Path page = pages.filter(p -> p.getFileName().toString().startsWith("page") && p.toString().endsWith(".png"))
                    .findFirst().orElseThrow(() -> new AssertionError("pdftoppm drew no page"));
            assertThat(Files.size(page)).isGreaterThan(1000);
        }
    }

    @Test
    void eachGenerationIsAnAuditRecordNamingWhoAskedAndThePeriod() throws Exception {
        int before = api("GET", "/api/v1/reports", null, null).json().path("reports").size();
        server.fetch("/api/v1/reports/routes?format=html&from=" + encode(t0) + "&to=" + encode(t1), apiKey);
        JsonNode listed = api("GET", "/api/v1/reports", null, null).json().path("reports");
        assertThat(listed.size()).isEqualTo(before + 1);
        JsonNode last = listed.get(listed.size() - 1);
        assertThat(last.path("kind").asText()).isEqualTo("routes");
        assertThat(last.path("format").asText()).isEqualTo("html");
        assertThat(Instant.parse(last.path("from").asText())).isEqualTo(t0);
        assertThat(Instant.parse(last.path("to").asText())).isEqualTo(t1);
        assertThat(last.path("actor").asText()).isEqualTo("API_KEY " + apiKeyPrefix);
        JsonNode audit = api("GET", "/api/v1/audit/log?action=report.generated", null, null).json();
        assertThat(audit.toString()).contains("report.generated").contains(last.path("digest").asText());
    }

    @Test
    void aRequestThatCannotBeAnsweredIsRefusedAndRecordsNothing() throws Exception {
        int before = api("GET", "/api/v1/reports", null, null).json().path("reports").size();
        assertThat(api("GET", "/api/v1/reports/access-matrix", null, null).status()).isEqualTo(404);
        assertThat(api("GET", "/api/v1/reports/keys?format=docx", null, null).status()).isEqualTo(400);
        assertThat(api("GET", "/api/v1/reports/keys?at=" + encode(Instant.now().plus(1, ChronoUnit.DAYS)), null, null).status())
                .isEqualTo(400);
        assertThat(api("GET", "/api/v1/reports/routes", null, null).status()).as("a period needs its start").isEqualTo(400);
        assertThat(api("GET", "/api/v1/reports/routes?from=" + encode(t2) + "&to=" + encode(t1), null, null).status())
                .isEqualTo(400);
        assertThat(api("GET", "/api/v1/reports/keys?at=yesterday-ish", null, null).status()).isEqualTo(400);
        assertThat(server.send("GET", "/api/v1/reports/keys", null, Optional.empty()).status()).isEqualTo(401);
        assertThat(api("GET", "/api/v1/reports", null, null).json().path("reports").size()).isEqualTo(before);
    }

    private long lastJoined;

    private ProtocolNode join(String hostname, List<String> tags) throws Exception {
        return join(hostname, tags, alice);
    }

    private ProtocolNode join(String hostname, List<String> tags, UserView owner) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String key = server.bean(PreAuthKeyAdmin.class).create(Optional.of(owner.id()), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), tags, ADMIN).text();
        assertThat(node.register(node.registerBody(key, hostname)).get("MachineAuthorized").asBoolean()).isTrue();
        ObjectNode body = (ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        lastJoined = node.openMapStream(body.put("Stream", false).toString()).first().get("Node").get("ID").asLong();
        return node;
    }

    /** A map request whose Hostinfo reports the client and the routes it advertises, as tailscaled sends it. */
    private static void report(ProtocolNode node, String hostname, String os, String osVersion, String version,
                               List<String> routes) throws Exception {
        ObjectNode request = (ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        request.put("Stream", false).put("OmitPeers", true);
        ObjectNode hostinfo = request.putObject("Hostinfo").put("Hostname", hostname).put("OS", os).put("OSVersion", osVersion)
                .put("IPNVersion", version);
        routes.forEach(hostinfo.putArray("RoutableIPs")::add);
        assertThat(node.post("/machine/map", request.toString()).status()).isEqualTo(200);
    }

    /** Waits until the netmap and the audit chain have every event written so far; returns an instant after them. */
    private Instant settled() throws Exception {
        long head = server.bean(EventLog.class).headPosition();
        server.bean(Netmap.class).whenAt(head).get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS);
        Instant now = Instant.now();
        while (!Instant.now().isAfter(now.plusMillis(2))) {
            Thread.onSpinWait();
        }
        return Instant.now().minusMillis(1);
    }

    private JsonNode json(String kind, String query) throws Exception {
        String encoded = String.join("&", java.util.Arrays.stream(query.split("&"))
                .map(p -> p.substring(0, p.indexOf('=') + 1) + encode(p.substring(p.indexOf('=') + 1))).toList());
        byte[] file = server.fetch("/api/v1/reports/" + kind + "?format=json&" + encoded, apiKey);
        return ProtocolNode.JSON.readTree(file).path("report");
    }

    private static List<Map<String, String>> rows(JsonNode report, String table) {
        for (JsonNode candidate : report.path("tables")) {
            if (candidate.path("name").asText().equals(table)) {
                List<String> columns = new ArrayList<>();
                candidate.path("columns").forEach(c -> columns.add(c.asText()));
                List<Map<String, String>> rows = new ArrayList<>();
                for (JsonNode row : candidate.path("rows")) {
                    Map<String, String> cells = new LinkedHashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        cells.put(columns.get(i), row.get(i).asText());
                    }
                    rows.add(cells);
                }
                return rows;
            }
        }
        throw new AssertionError("no table " + table + " in " + report.path("kind").asText());
    }

    private static Map<String, String> row(JsonNode report, String table, String column, String value) {
        return rows(report, table).stream().filter(r -> value.equals(r.get(column))).findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + column + " = " + value + " in " + table + ": "
                        + rows(report, table)));
    }

    private static String figure(JsonNode report, String label) {
        for (JsonNode figure : report.path("summary")) {
            if (figure.path("label").asText().equals(label)) {
                return figure.path("value").asText();
            }
        }
        throw new AssertionError("no figure " + label);
    }

    /** A byte of a table's visible text, where each format keeps its content. */
    private static int editableByte(String format, byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        return switch (format) {
            case "json", "html" -> text.indexOf("group:eng") + 1;
            case "csv" -> zipDataStart(bytes) + 2;
            default -> text.indexOf("/Title") + 8;
        };
    }

    /** Where the first entry's compressed data starts: after its 30-byte local header, its name and its extra field. */
    private static int zipDataStart(byte[] zip) {
        int nameLength = (zip[26] & 0xff) | (zip[27] & 0xff) << 8;
        int extraLength = (zip[28] & 0xff) | (zip[29] & 0xff) << 8;
        return 30 + nameLength + extraLength;
    }

    private static String policy(String text) {
        return ProtocolNode.JSON.createObjectNode().put("policy", text).toString();
    }

    private static String encode(Object value) {
        return URLEncoder.encode(value.toString(), StandardCharsets.UTF_8);
    }

    private static String run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("%s: %s", String.join(" ", command), out).isEqualTo(0);
        return out;
    }

    private RunningServer.Reply api(String method, String path, String body, String reason) throws Exception {
        return server.send(method, path, body, Optional.of(apiKey), Optional.ofNullable(reason));
    }

    private static void ok(RunningServer.Reply reply) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    }
}
