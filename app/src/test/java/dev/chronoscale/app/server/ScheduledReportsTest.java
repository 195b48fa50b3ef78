package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code compliance.schedules} on a real server: the run that is due is made at start, written to the reports folder,
 * posted to the webhook and recorded as the system's; a restart on the same log does not make it again.
 */
class ScheduledReportsTest {

    private record Posted(Map<String, List<String>> headers, byte[] body) {
    }

    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private HttpServer webhook;
    private Path dir;

    @AfterEach
    void stop() {
        if (webhook != null) {
            webhook.stop(0);
        }
        if (dir != null) {
            org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
        }
    }

    @Test
    void theDueRunIsMadeAtStartDeliveredAndNotRepeatedAfterARestart() throws Exception {
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        webhook.createContext("/", exchange -> {
            posted.add(new Posted(Map.copyOf(exchange.getRequestHeaders()), exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        webhook.start();
        dir = Files.createTempDirectory("chronoscale-schedules");
        String yaml = "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\n"
                + "database:\n  type: h2\ncompliance:\n  reports_dir: " + dir.resolve("reports") + "\n  schedules:\n"
                + "    - name: daily-keys\n      report: keys\n      schedule: \"0 0 * * *\"\n      formats: [json, csv]\n"
                + "      webhook_url: http://127.0.0.1:" + webhook.getAddress().getPort() + "/evidence\n";
        Instant midnight = Instant.now().atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant();
        Path folder = dir.resolve("reports").resolve("daily-keys");

        List<Path> files;
        String digest;
        try (RunningServer server = RunningServer.start(dir, yaml)) {
            files = waitForFiles(folder, 2);
            String apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), AuditContext.system("test"));
            JsonNode reports = server.send("GET", "/api/v1/reports", null, Optional.of(apiKey)).json().path("reports");
            assertThat(reports).hasSize(2);
            for (JsonNode report : reports) {
                assertThat(report.path("schedule").asText()).isEqualTo("daily-keys");
                assertThat(report.path("actor").asText()).isEqualTo("SYSTEM chronoscale");
                assertThat(Instant.parse(report.path("to").asText())).isEqualTo(midnight);
            }
            assertThat(files).extracting(f -> f.getFileName().toString())
                    .containsExactlyInAnyOrder(name(midnight, "json"), name(midnight, "zip"));
            JsonNode json = ProtocolNode.JSON.readTree(Files.readAllBytes(folder.resolve(name(midnight, "json"))));
            assertThat(json.path("report").path("kind").asText()).isEqualTo("keys");
            digest = json.path("evidence").path("digest").asText();
            String key = server.send("GET", "/api/v1/audit/public-key", null, Optional.of(apiKey)).json().path("publicKey").asText();
            CliRun verified = CliRun.of("report", "verify", folder.resolve(name(midnight, "zip")).toString(), "--public-key", key);
            assertThat(verified.status()).as(verified.out()).isEqualTo(0);
        }
        assertThat(posted).hasSize(2);
        Posted jsonPost = posted.stream().filter(p -> p.headers().get("Content-type").get(0).equals("application/json"))
                .findFirst().orElseThrow();
        assertThat(jsonPost.headers().get("X-chronoscale-report-digest")).containsExactly(digest);
        assertThat(jsonPost.body()).isEqualTo(Files.readAllBytes(folder.resolve(name(midnight, "json"))));

        try (RunningServer again = RunningServer.start(dir, yaml)) {
            again.bean(ScheduledReports.class).runDue();
            assertThat(waitForFiles(folder, 2)).hasSize(2);
            String apiKey = again.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), AuditContext.system("test"));
            assertThat(again.send("GET", "/api/v1/reports", null, Optional.of(apiKey)).json().path("reports")).hasSize(2);
        }
        assertThat(posted).as("nothing posted again").hasSize(2);
    }

    private static String name(Instant midnight, String extension) {
        return "chronoscale-keys-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
                .withZone(ZoneOffset.UTC).format(midnight) + "." + extension;
    }

    private static List<Path> waitForFiles(Path folder, int count) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    List<Path> done = files.filter(f -> !f.toString().endsWith(".partial")).toList();
                    if (done.size() >= count) {
                        return done;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no " + count + " reports in " + folder + " within 60 s");
    }
}
