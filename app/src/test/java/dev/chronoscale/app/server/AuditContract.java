package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.sinks.http.WebhookSink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit trail end to end: admin changes through the real CLI become records; the log filters them;
 * an export made remotely verifies offline and a tampered copy does not; a webhook sink and a file sink
 * receive every record in order through a receiver outage and a server restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class AuditContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String POLICY_V1 = "{\n  \"acls\": [\n    {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:22\"]}\n  ]\n}\n";
    private static final String POLICY_V2 = "{\n  \"acls\": [\n    {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:443\"]}\n  ]\n}\n";

    Path dir;
    RunningServer server;
    WebhookReceiver hook;
    String yaml;
    String apiKey;
    String preAuthKey;

    /** The {@code database:} section of the config file. */
    abstract String databaseYaml();

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-audit-test");
        hook = new WebhookReceiver();
        yaml = "listen_addr: 127.0.0.1:0\n"
                + "metrics_listen_addr: 127.0.0.1:0\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: " + dir.resolve("data/cli.sock") + "\n"
                + databaseYaml()
                + "audit:\n"
                + "  poll_interval: 100ms\n"
                + "  gap_patience: 1s\n"
                + "  retry:\n    initial_backoff: 50ms\n    max_backoff: 200ms\n"
                + "  sinks:\n"
                + "    - name: hook\n      type: webhook\n      url: " + hook.url() + "\n      secret: webhook-secret\n"
                + "    - name: archive\n      type: file\n      path: audit/audit.jsonl\n      format: native\n";
        server = RunningServer.start(dir, yaml);
        CliRun created = cli("apikeys", "create", "--expiration", "1d");
        assertThat(created.status()).as(created.err()).isZero();
        apiKey = created.out();
    }

    /** Also called by the PostgreSQL subclasses first, so that the server stops while its database is still up. */
    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (hook != null) {
            hook.close();
            hook = null;
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    CliRun cli(String... args) {
        return server.cli(args);
    }

    CliRun remote(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--address", "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort(),
                "--api-key", apiKey));
        return CliRun.of(all.toArray(String[]::new));
    }

    private JsonNode log(String... filters) throws Exception {
        List<String> args = new ArrayList<>(List.of("audit", "log", "-o", "json"));
        args.addAll(List.of(filters));
        CliRun run = cli(args.toArray(String[]::new));
        assertThat(run.status()).as(run.err()).isZero();
        return JSON.readTree(jsonOf(run)).path("records");
    }

    /**
     * The CLI's JSON output. CliRun captures System.out of the whole JVM, so a warning the server's
     * sink thread logs meanwhile can land in front of it.
     */
    private static String jsonOf(CliRun run) {
        int start = run.out().startsWith("{") ? 0 : run.out().indexOf("\n{") + 1;
        return run.out().substring(start);
    }

    private static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            assertThat(Instant.now()).as("still waiting for " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }

    @Test
    @Order(1)
    void adminChangesBecomeRecordsWithActorOriginReasonAndNoSecrets() throws Exception {
        CliRun user = cli("users", "create", "erin", "--reason", "INC-4711 on-call");
        assertThat(user.status()).as(user.err()).isZero();
        CliRun key = cli("preauthkeys", "create", "--user", "erin", "--expiration", "24h", "-o", "json");
        assertThat(key.status()).as(key.err()).isZero();
        preAuthKey = JSON.readTree(key.out()).path("key").asText();
        Path v1 = Files.writeString(dir.resolve("v1.hujson"), POLICY_V1);
        Path v2 = Files.writeString(dir.resolve("v2.hujson"), POLICY_V2);
        assertThat(cli("policy", "set", "-f", v1.toString()).status()).isZero();
        CliRun set = remote("policy", "set", "-f", v2.toString(), "--reason", "close ssh");
        assertThat(set.status()).as(set.err()).isZero();
        CliRun rename = cli("users", "rename", "--name", "erin", "--new-name", "erin2");
        assertThat(rename.status()).as(rename.err()).isZero();

        JsonNode records = log();
        List<String> actions = new ArrayList<>();
        records.forEach(r -> actions.add(r.path("action").asText()));
        assertThat(actions).containsSubsequence("tailnet.configured", "apikey.created", "user.created",
                "preauthkey.created", "policy.updated", "policy.updated", "user.renamed");

        JsonNode userCreated = log("--action", "user.created").get(0);
        assertThat(userCreated.path("actor").path("type").asText()).isEqualTo("LOCAL_CLI");
        assertThat(userCreated.path("origin").path("via").asText()).isEqualTo("cli");
        assertThat(userCreated.path("reason").asText()).isEqualTo("INC-4711 on-call");
        assertThat(userCreated.path("target").path("name").asText()).isEqualTo("erin");

        JsonNode policies = log("--action", "policy.updated");
        assertThat(policies).hasSize(2);
        JsonNode second = policies.get(1);
        assertThat(second.path("actor").path("type").asText()).isEqualTo("API_KEY");
        assertThat(second.path("origin").path("via").asText()).isEqualTo("api");
        assertThat(second.path("origin").path("address").asText()).startsWith("127.0.0.1");
        assertThat(second.path("reason").asText()).isEqualTo("close ssh");
        assertThat(second.path("diff").asText()).contains("-    {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:22\"]}")
                .contains("+    {\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:443\"]}");

        JsonNode renamed = log("--user", userCreated.path("target").path("id").asText(), "--action", "user.");
        assertThat(renamed).hasSize(2);
        assertThat(renamed.get(1).path("changes").get(0).path("old").asText()).isEqualTo("erin");

        String everything = cli("audit", "log", "-o", "json").out();
        assertThat(everything).doesNotContain(preAuthKey).doesNotContain(apiKey).doesNotContain("secretHash");
        assertThat(log("--actor", "API_KEY", "--since", "1h")).hasSize(1);
        assertThat(log("--until", "2000-01-01")).isEmpty();
        CliRun table = cli("audit", "log", "--action", "user.created");
        assertThat(table.out()).contains("user.created").contains("LOCAL_CLI:").contains("INC-4711 on-call");
    }

    @Test
    @Order(2)
    void aRemoteExportVerifiesOfflineAndEveryTamperingIsReported() throws Exception {
        CliRun publicKey = remote("audit", "public-key");
        assertThat(publicKey.status()).as(publicKey.err()).isZero();
        String key = publicKey.out().lines().findFirst().orElseThrow();
        assertThat(key).isEqualTo(AuditSigningKey.loadOrCreate(dir.resolve("data/audit_ed25519.key")).publicKey().base64());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("data/audit_ed25519.key"))))
                .isEqualTo("rw-------");

        Path export = dir.resolve("export.jsonl");
        CliRun exported = remote("audit", "export", "--format", "jsonl", "--out", export.toString());
        assertThat(exported.status()).as(exported.err()).isZero();
        assertThat(exported.out()).isEqualTo("Exported " + log().size() + " records to " + export);
        assertThat(server.send("GET", "/api/v1/audit/log", null, java.util.Optional.empty()).status()).isEqualTo(401);
        assertThat(server.send("GET", "/api/v1/audit/export", null, java.util.Optional.empty()).status()).isEqualTo(401);
        CliRun badTime = remote("audit", "export", "--out", dir.resolve("bad.jsonl").toString(), "--since", "yesterday");
        assertThat(badTime.status()).isEqualTo(1);
        assertThat(badTime.err()).contains("--since 'yesterday' is not a time");
        CliRun clean = CliRun.of("audit", "verify", export.toString(), "--public-key", key);
        assertThat(clean.status()).as(clean.out() + clean.err()).isZero();
        assertThat(clean.out()).startsWith("OK: ");

        List<String> lines = Files.readAllLines(export);
        int target = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("\"action\":\"user.created\"")) {
                target = i;
            }
        }
        List<String> edited = new ArrayList<>(lines);
        edited.set(target, edited.get(target).replace("INC-4711 on-call", "routine"));
        Path tampered = Files.write(dir.resolve("tampered.jsonl"), edited);
        CliRun caught = CliRun.of("audit", "verify", tampered.toString(), "--public-key", key, "-o", "json");
        assertThat(caught.status()).isEqualTo(1);
        JsonNode problem = JSON.readTree(caught.out()).path("problem");
        assertThat(problem.path("kind").asText()).isEqualTo("EDITED");
        assertThat(problem.path("eventId").asText()).isEqualTo(JSON.readTree(lines.get(target)).path("record").path("id").asText());

        List<String> deleted = new ArrayList<>(lines);
        deleted.remove(target);
        CliRun gap = CliRun.of("audit", "verify", Files.write(dir.resolve("deleted.jsonl"), deleted).toString());
        assertThat(gap.status()).isEqualTo(1);
        assertThat(gap.out()).startsWith("TAMPERED: DELETED");

        CliRun windowed = remote("audit", "export", "--out", dir.resolve("window.jsonl").toString(), "--since", "1h", "--until", "2099-01-01");
        assertThat(windowed.status()).as(windowed.err()).isZero();
        assertThat(CliRun.of("audit", "verify", dir.resolve("window.jsonl").toString(), "--public-key", key).status()).isZero();
    }

    @Test
    @Order(3)
    void sinksReceiveEveryRecordInOrderThroughAnOutageAndARestart() throws Exception {
        int before = log().size();
        waitFor("the webhook to have every record", () -> hook.keysInOrder().size() == before);
        hook.down.set(true);
        assertThat(cli("users", "create", "grace").status()).isZero();
        assertThat(cli("users", "create", "heidi").status()).isZero();
        waitFor("failed attempts at the webhook", () -> sinkStatus("hook").path("failures").asLong() > 0);
        CliRun sinks = cli("audit", "sinks");
        assertThat(sinks.out()).contains("hook").contains("webhook").contains("retrying").contains("503");

        // the server restarts while the receiver is still down
        server.close();
        server = RunningServer.start(dir, yaml);
        assertThat(cli("users", "create", "ivan").status()).isZero();
        hook.down.set(false);

        List<String> expected = new ArrayList<>();
        waitFor("every record after the outage and restart", () -> {
            try {
                expected.clear();
                log().forEach(r -> expected.add(r.path("id").asText()));
                return hook.keysInOrder().equals(expected) && sinkStatus("hook").path("lag").asLong() == 0;
            } catch (Exception e) {
                return false;
            }
        });
        assertThat(expected).hasSizeGreaterThanOrEqualTo(before + 3);
        for (WebhookReceiver.Delivery delivery : hook.accepted) {
            assertThat(delivery.signature()).isEqualTo("sha256=" + WebhookSink.signature(
                    "webhook-secret".getBytes(StandardCharsets.UTF_8), delivery.timestamp(),
                    delivery.body().getBytes(StandardCharsets.UTF_8)));
            assertThat(JSON.readTree(delivery.body()).path("id").asText()).isEqualTo(delivery.idempotencyKey());
        }
        Path archive = dir.resolve("audit/audit.jsonl");
        waitFor("the file sink to catch up", () -> sinkStatus("archive").path("lag").asLong() == 0);
        List<String> archived = new ArrayList<>();
        for (String line : Files.readAllLines(archive)) {
            String id = JSON.readTree(line).path("id").asText();
            if (!archived.contains(id)) {
                archived.add(id);
            }
        }
        assertThat(archived).isEqualTo(expected);

        // the chain continued across the restart: a full export still verifies
        Path export = dir.resolve("after-restart.jsonl");
        assertThat(cli("audit", "export", "--out", export.toString()).status()).isZero();
        CliRun verified = CliRun.of("audit", "verify", export.toString());
        assertThat(verified.out()).startsWith("OK: " + expected.size() + " records");
    }

    @Test
    @Order(4)
    void sinkStatusIsServedAsPrometheusMetrics() throws Exception {
        var metrics = server.bean(ServerLifecycle.class).metricsAddress().orElseThrow();
        HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + metrics.getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(scrape.body()).containsPattern("(?m)^chronoscale_audit_sink_lag\\{sink=\"hook\"} 0\\.0$")
                .containsPattern("(?m)^chronoscale_audit_sink_failures_total\\{sink=\"hook\"} \\d+")
                .containsPattern("(?m)^chronoscale_audit_sink_delivered_position\\{sink=\"archive\"} [1-9]")
                .containsPattern("(?m)^chronoscale_audit_chain_position [1-9]");
    }

    private JsonNode sinkStatus(String name) {
        try {
            CliRun run = cli("audit", "sinks", "-o", "json");
            assertThat(run.status()).as(run.err()).isZero();
            for (JsonNode sink : JSON.readTree(jsonOf(run)).path("sinks")) {
                if (sink.path("name").asText().equals(name)) {
                    return sink;
                }
            }
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no sink " + name);
    }
}
