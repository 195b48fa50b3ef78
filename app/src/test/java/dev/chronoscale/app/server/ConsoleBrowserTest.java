package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.inventory.InventoryViews.UserView;
import dev.chronoscale.netmap.Netmap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console in a real browser: a real server with a seeded tailnet (users, nodes registered over the real
 * protocol and online, a route waiting, two policy versions), then the front end's end-to-end specs
 * ({@code admin/src/main/console/e2e/*.spec.mjs}, playwright-core driving Debian's headless Chromium) against it.
 * Their screenshots are kept in {@code app/target/console-screenshots} (docs/console.md shows them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleBrowserTest {

    private static final AuditContext SEED = AuditContext.system("console e2e seed");
    private static final Path CONSOLE = Path.of("").toAbsolutePath().resolveSibling("admin").resolve("src/main/console");
    private static final Path SCREENSHOTS = Path.of("target/console-screenshots").toAbsolutePath();
    private static final String CHROMIUM = "/usr/bin/chromium";
    private static final Pattern TAP_COUNT = Pattern.compile("^# (pass|fail) (\\d+)$", Pattern.MULTILINE);

    private static final String POLICY_V1 = """
            {
              // version 1: alice's machines reach the server's SSH
              "tagOwners": {"tag:server": ["bob@"]},
              "acls": [
                {"action": "accept", "src": ["alice@"], "dst": ["tag:server:22"]}
              ]
            }
            """;
    private static final String POLICY_V2 = """
            {
              // version 2: and its web port
              "tagOwners": {"tag:server": ["bob@"]},
              "acls": [
                {"action": "accept", "src": ["alice@"], "dst": ["tag:server:22,443"]}
              ]
            }
            """;

    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private final List<ProtocolNode.MapStream> streams = new ArrayList<>();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-console");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "server_url: http://127.0.0.1\n"
                + "data_dir: " + dir.resolve("data") + "\ndns:\n  base_domain: tail.example\n");
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
    }

    @AfterAll
    void stop() {
        streams.forEach(ProtocolNode.MapStream::cancel);
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void theConsolesEndToEndSpecsPassInChromium() throws Exception {
        assertThat(Path.of(CHROMIUM)).as("Debian's chromium package (.ci/run installs it)").isExecutable();
        assertThat(CONSOLE.resolve("node_modules/playwright-core")).as("the console's npm packages (the admin build installs them)")
                .isDirectory();
        List<Path> specs;
        try (Stream<Path> files = Files.list(CONSOLE.resolve("e2e"))) {
            specs = files.filter(f -> f.getFileName().toString().endsWith(".spec.mjs")).sorted().toList();
        }
        assertThat(specs).as("the e2e specs").isNotEmpty();

        ProcessBuilder npm = new ProcessBuilder("npm", "run", "--silent", "e2e").directory(CONSOLE.toFile())
                .redirectErrorStream(true).redirectOutput(dir.resolve("e2e.log").toFile());
        npm.environment().putAll(seed());
        Process process = npm.start();
        process.getOutputStream().close();
        boolean finished = process.waitFor(15, TimeUnit.MINUTES);
        if (!finished) {
            process.destroyForcibly();
        }
        String output = Files.readString(dir.resolve("e2e.log"), StandardCharsets.UTF_8);
        Files.createDirectories(SCREENSHOTS);
        Files.writeString(SCREENSHOTS.resolve("e2e.log"), output);
        assertThat(finished).as("the e2e specs finished within 15 minutes:\n%s", output).isTrue();
        assertThat(process.exitValue()).as("npm run e2e:\n%s", output).isZero();
        assertThat(count(output, "fail")).as("failed tests:\n%s", output).isZero();
        assertThat(count(output, "pass")).as("passed tests:\n%s", output).isGreaterThanOrEqualTo(specs.size());
    }

    /** The seeded tailnet; answers the specs' environment. */
    private Map<String, String> seed() throws Exception {
        UserView alice = server.bean(UserAdmin.class).create("alice", "Alice Example", "alice@example.com", SEED);
        UserView bob = server.bean(UserAdmin.class).create("bob", "Bob Example", "bob@example.com", SEED);
        ApiKeyAdmin apiKeys = server.bean(ApiKeyAdmin.class);
        Instant inADay = Instant.now().plus(1, ChronoUnit.DAYS);
        String adminKey = apiKeys.create(inADay, Optional.of(UserRole.ADMIN), SEED);
        String auditorKey = apiKeys.create(inADay, Optional.of(UserRole.AUDITOR), SEED);
        String networkAdminKey = apiKeys.create(inADay, Optional.of(UserRole.NETWORK_ADMIN), SEED);
        setPolicy(adminKey, POLICY_V1, "policy version 1");

        ArrayNode nodes = ProtocolNode.JSON.createArrayNode();
        nodes.add(join(alice, "alice-laptop", List.of(), List.of()));
        nodes.add(join(alice, "alice-phone", List.of(), List.of()));
        nodes.add(join(bob, "bob-server", List.of("tag:server"), List.of("10.20.0.0/24")));
        Instant beforePolicyV2 = settled();
        setPolicy(adminKey, POLICY_V2, "policy version 2");
        Instant seededAt = settled();

        ObjectNode seed = ProtocolNode.JSON.createObjectNode();
        ArrayNode users = seed.putArray("users");
        for (UserView user : List.of(alice, bob)) {
            users.addObject().put("id", String.valueOf(user.id())).put("name", user.name());
        }
        seed.set("nodes", nodes);
        seed.put("beforePolicyV2", beforePolicyV2.toString());
        seed.put("seededAt", seededAt.toString());
        Path seedFile = dir.resolve("seed.json");
        Files.writeString(seedFile, seed.toPrettyString());
        return Map.of("E2E_BASE_URL", "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort(),
                "E2E_ADMIN_KEY", adminKey, "E2E_AUDITOR_KEY", auditorKey, "E2E_NETWORK_ADMIN_KEY", networkAdminKey,
                "E2E_SEED_FILE", seedFile.toString(), "E2E_SCREENSHOTS", SCREENSHOTS.toString(), "CHROMIUM", CHROMIUM);
    }

    private void setPolicy(String adminKey, String policy, String reason) throws Exception {
        RunningServer.Reply reply = server.send("PUT", "/api/v1/policy",
                ProtocolNode.JSON.createObjectNode().put("policy", policy).toString(), Optional.of(adminKey), Optional.of(reason));
        assertThat(reply.status()).as("PUT /api/v1/policy: %s", reply.body()).isEqualTo(200);
    }

    /** A node registered with a pre-auth key and kept online by an open map stream, as tailscaled does. */
    private ObjectNode join(UserView owner, String hostname, List<String> tags, List<String> routes) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String key = server.bean(PreAuthKeyAdmin.class).create(Optional.of(owner.id()), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), tags, SEED).text();
        assertThat(node.register(node.registerBody(key, hostname)).get("MachineAuthorized").asBoolean()).isTrue();
        ObjectNode request = (ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        ObjectNode hostinfo = request.putObject("Hostinfo").put("Hostname", hostname).put("OS", "linux")
                .put("OSVersion", "Debian 12").put("IPNVersion", "1.82.5-t1234567");
        routes.forEach(hostinfo.putArray("RoutableIPs")::add);
        ProtocolNode.MapStream stream = node.openMapStream(request.toString());
        streams.add(stream);
        JsonNode self = stream.first().get("Node");
        return ProtocolNode.JSON.createObjectNode().put("id", self.get("ID").asText()).put("name", hostname)
                .put("user", owner.name()).put("ipv4", self.get("Addresses").get(0).asText().replace("/32", ""));
    }

    /** Waits until the netmap has every event written so far; returns an instant after them. */
    private Instant settled() throws Exception {
        long head = server.bean(EventLog.class).headPosition();
        server.bean(Netmap.class).whenAt(head).get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS);
        Thread.sleep(5);
        return Instant.now();
    }

    private static int count(String tapOutput, String kind) {
        Matcher matcher = TAP_COUNT.matcher(tapOutput);
        while (matcher.find()) {
            if (matcher.group(1).equals(kind)) {
                return Integer.parseInt(matcher.group(2));
            }
        }
        throw new AssertionError("no '# " + kind + "' line in the node test runner's output:\n" + tapOutput);
    }
}
