package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code chronoscale serve} as its own process, as it runs in production: SIGHUP sent with kill(1) reloads the
 * policy file and does not end the process, a change of the file reloads it too, and log.format json logs lines
 * of JSON on standard output.
 */
class ServerProcessTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String V1 = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}";
    private static final String V2 = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:22\"]}]}";
    private static final String V3 = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:443\"]}]}";

    @TempDir
    Path dir;
    private Process server;
    private final List<String> stdout = new CopyOnWriteArrayList<>();
    private final List<String> stderr = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    @Test
    void sighupAndFileChangesReloadThePolicyAsAuditedChangesAndLogsAreJson() throws Exception {
        // The configured path is a symlink: writing its target is seen by SIGHUP only, not by the folder's watch.
        Path real = Files.createDirectories(dir.resolve("real")).resolve("policy.hujson");
        Files.writeString(real, V1);
        Path policy = dir.resolve("policy.hujson");
        Files.createSymbolicLink(policy, real);
        Path config = dir.resolve("chronoscale.yaml");
        Files.writeString(config, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: ''\ndata_dir: data\n"
                + "unix_socket: data/cli.sock\npolicy:\n  mode: file\n  path: policy.hujson\n"
                + "log:\n  level: info\n  format: json\n");
        start(config);
        assertThat(policyText(config)).isEqualTo(V1);

        Files.writeString(real, V2);
        hangUp();
        await("the policy of SIGHUP", () -> V2.equals(policyText(config)));
        assertThat(server.isAlive()).isTrue();
        JsonNode reload = await(config, "policy file " + policy + " reloaded on SIGHUP");
        assertThat(reload.get("actor").get("type").asText()).isEqualTo("SYSTEM");
        assertThat(reload.get("diff").asText()).contains("+" + V2).contains("-" + V1);

        Files.writeString(real, "{\"acls\": [{\"action\": \"accept\", \"src\": [\"group:nobody\"], \"dst\": [\"*:*\"]}]}");
        hangUp();
        JsonNode refused = awaitLog("error", "not reloaded on SIGHUP");
        assertThat(refused.get("message").asText()).contains("group:nobody").contains("the policy in force stays");
        assertThat(server.isAlive()).isTrue();
        assertThat(policyText(config)).isEqualTo(V2);

        Files.delete(policy);
        Files.writeString(policy, V3);
        await("the policy of the changed file", () -> V3.equals(policyText(config)));
        await(config, "policy file " + policy + " reloaded on file change");

        assertThat(stdout).isNotEmpty().allSatisfy(line -> {
            JsonNode json = JSON.readTree(line);
            assertThat(json.get("level").asText()).isIn("info", "warn", "error");
            assertThat(Instant.parse(json.get("time").asText())).isBefore(Instant.now().plusSeconds(1));
            assertThat(json.has("message")).isTrue();
        });
    }

    @Test
    void sighupDoesNotEndAServerInDatabaseMode() throws Exception {
        Path config = dir.resolve("chronoscale.yaml");
        Files.writeString(config, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: ''\ndata_dir: data\n"
                + "unix_socket: data/cli.sock\nlog:\n  level: debug\n");
        start(config);
        hangUp();
        await("the SIGHUP log line", () -> stdout.stream().anyMatch(l -> l.contains("SIGHUP: policy.mode is database")));
        assertThat(server.isAlive()).isTrue();
        assertThat(CliRun.of("health", "-c", config.toString()).out()).contains("database reachable");
        assertThat(stdout).anyMatch(l -> l.contains(" INFO ")).noneMatch(l -> l.startsWith("{"));
    }

    private void start(Path config) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.chronoscale.app.Main", "serve", "-c", config.toString());
        builder.environment().put("CHRONOSCALE_DERP_SERVER_STUN_LISTEN_ADDR", "127.0.0.1:0");
        server = builder.start();
        follow(server.getInputStream(), stdout);
        follow(server.getErrorStream(), stderr);
        await("the server to listen", () -> stderr.stream().anyMatch(l -> l.startsWith("Chronoscale is serving")));
    }

    private void hangUp() throws Exception {
        assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(server.pid())).start().waitFor()).isZero();
    }

    private String policyText(Path config) {
        CliRun get = CliRun.of("policy", "get", "-c", config.toString());
        assertThat(get.status()).as(get.err()).isZero();
        return get.out();
    }

    /** The policy.updated audit record with this reason, once the audit chain has it. */
    private JsonNode await(Path config, String reason) throws Exception {
        JsonNode[] found = new JsonNode[1];
        await("the audit record '" + reason + "'", () -> {
            try {
                JsonNode records = JSON.readTree(CliRun.of("audit", "log", "--action", "policy.updated", "-o", "json",
                        "-c", config.toString()).out()).get("records");
                for (JsonNode record : records) {
                    if (reason.equals(record.path("reason").asText())) {
                        found[0] = record;
                        return true;
                    }
                }
                return false;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        return found[0];
    }

    private JsonNode awaitLog(String level, String text) throws Exception {
        await("a log line '" + text + "'", () -> stdout.stream().anyMatch(l -> l.contains(text)));
        JsonNode line = JSON.readTree(stdout.stream().filter(l -> l.contains(text)).findFirst().orElseThrow());
        assertThat(line.get("level").asText()).isEqualTo(level);
        return line;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline) || !server.isAlive()) {
                throw new AssertionError("gave up waiting for " + what + (server.isAlive() ? "" : " (the server ended)")
                        + "\nstdout: " + String.join("\n", stdout) + "\nstderr: " + String.join("\n", stderr));
            }
            Thread.sleep(100);
        }
    }

    private static void follow(java.io.InputStream stream, List<String> into) {
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    into.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
    }
}
