package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserRole;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/v1/reports/schedules} lists {@code compliance.schedules} to any reader (the console's reports page
 * shows them), without the webhook's URL; a generated report comes with the file name the CLI would save it under.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportSchedulesApiTest {

    private Path dir;
    private RunningServer server;
    private String auditorKey;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-schedules-api");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\n"
                + "compliance:\n  reports_dir: " + dir.resolve("reports") + "\n  schedules:\n"
                + "    - name: quarterly-access-review\n      report: access-review\n      schedule: \"0 6 1 1,4,7,10 *\"\n"
                + "      formats: [pdf, json]\n"
                + "    - name: weekly-admin-activity\n      report: admin-activity\n      schedule: \"0 7 * * 1\"\n"
                + "      period: 168h\n      formats: [csv]\n      webhook_url: http://127.0.0.1:9/evidence?token=s3cret-in-url\n");
        auditorKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), Optional.of(UserRole.AUDITOR),
                AuditContext.system("test"));
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void anAuditorReadsTheSchedulesAsConfiguredWithoutTheWebhooksUrl() throws Exception {
        RunningServer.Reply reply = server.send("GET", "/api/v1/reports/schedules", null, Optional.of(auditorKey));

        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        assertThat(reply.json()).isEqualTo(new ObjectMapper().readTree("""
                {"schedules": [
                  {"name": "quarterly-access-review", "report": "access-review", "schedule": "0 6 1 1,4,7,10 *",
                   "period": null, "formats": ["pdf", "json"], "webhook": false},
                  {"name": "weekly-admin-activity", "report": "admin-activity", "schedule": "0 7 * * 1",
                   "period": "7d", "formats": ["csv"], "webhook": true}
                ]}"""));
        assertThat(reply.body()).doesNotContain("s3cret").doesNotContain("127.0.0.1:9");
    }

    @Test
    void schedulesIsNotTakenForAReportsName() throws Exception {
        RunningServer.Reply reply = server.send("GET", "/api/v1/reports/no-such-report", null, Optional.of(auditorKey));

        assertThat(reply.status()).isEqualTo(404);
        assertThat(server.send("GET", "/api/v1/reports/schedules", null, Optional.of(auditorKey)).json().has("schedules")).isTrue();
    }

    @Test
    void aGeneratedReportIsOfferedUnderTheFileNameTheCliSavesItUnder() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort()
                                + "/api/v1/reports/keys?format=pdf&at=" + now))
                .header("Authorization", "Bearer " + auditorKey).GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(200);
        String stamp = now.toString().replace("-", "").replace(":", "");
        assertThat(response.headers().firstValue("Content-Disposition"))
                .contains("attachment; filename=\"chronoscale-keys-" + stamp + ".pdf\"");
        assertThat(new String(response.body(), 0, 5)).isEqualTo("%PDF-");
        JsonNode listed = server.send("GET", "/api/v1/reports", null, Optional.of(auditorKey)).json().get("reports");
        assertThat(listed.findValuesAsText("kind")).contains("keys");
    }
}
