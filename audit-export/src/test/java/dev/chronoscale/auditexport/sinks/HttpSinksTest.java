package dev.chronoscale.auditexport.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.auditexport.AuditFixture;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.Backoff;
import dev.chronoscale.auditexport.delivery.SinkCheckpointStore;
import dev.chronoscale.auditexport.delivery.SinkConfig;
import dev.chronoscale.auditexport.delivery.SinkDelivery;
import dev.chronoscale.auditexport.schema.CanonicalJson;
import dev.chronoscale.auditexport.sinks.SinkFactory;
import dev.chronoscale.auditexport.sinks.http.WebhookSink;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP sinks against in-test receivers that check the documented request formats. */
class HttpSinksTest {

    @TempDir
    Path dir;

    @Test
    void splunkHecGetsAuthorizedEventBatchesAndNothingIsLostInAnOutage() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(7);
        fixture.appender.appendAvailable();
        try (HttpReceiver hec = new HttpReceiver(r -> r.path().equals("/services/collector/event")
                && "Splunk s3cret-token".equals(r.header("Authorization"))
                ? new HttpReceiver.Answer(200, "{\"text\":\"Success\",\"code\":0}")
                : new HttpReceiver.Answer(401, "{\"text\":\"Invalid token\",\"code\":4}"))) {
            hec.refuseNext(3);
            try (SinkDelivery delivery = delivery(fixture, new SinkConfig("splunk", "splunk_hec",
                    Map.of("url", hec.url(), "token", "s3cret-token", "host", "cs1", "index", "audit")))) {
                delivery.start();
                Eventually.waitFor("all records at HEC", () -> delivery.status().deliveredPosition() == 7);
                assertThat(delivery.status().failures()).isEqualTo(3);
                assertThat(delivery.status().lastError()).hasValueSatisfying(e -> assertThat(e).contains("503").doesNotContain("s3cret"));
            }
            List<JsonNode> events = new ArrayList<>();
            for (HttpReceiver.Request request : hec.accepted) {
                assertThat(request.header("Content-Type")).isEqualTo("application/json");
                for (String line : request.body().split("\n")) {
                    events.add(CanonicalJson.MAPPER.readTree(line));
                }
            }
            List<ChainedRecord> chain = fixture.trail.page(0, 100);
            assertThat(events).hasSize(7);
            for (int i = 0; i < 7; i++) {
                JsonNode event = events.get(i);
                assertThat(event.path("event").path("id").asText()).isEqualTo(chain.get(i).eventId());
                assertThat(event.path("event").path("chain").path("hash").asText()).isEqualTo(chain.get(i).hash());
                assertThat(event.path("source").asText()).isEqualTo("chronoscale");
                assertThat(event.path("sourcetype").asText()).isEqualTo("chronoscale:audit");
                assertThat(event.path("host").asText()).isEqualTo("cs1");
                assertThat(event.path("index").asText()).isEqualTo("audit");
                assertThat(event.path("time").decimalValue()).isEqualByComparingTo(BigDecimal.valueOf(
                        Instant.parse(chain.get(i).record().path("time").asText()).toEpochMilli()).movePointLeft(3));
            }
        }
    }

    @Test
    void elasticsearchBulkCreatesEcsDocumentsKeyedByEventIdAndTakesDuplicatesAsDelivered() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(5);
        fixture.appender.appendAvailable();
        Set<String> indexed = new HashSet<>();
        try (HttpReceiver elastic = new HttpReceiver(r -> bulk(r, indexed))) {
            // the first delivery of a batch "times out" after indexing: the sink must resend it
            try (SinkDelivery delivery = delivery(fixture, new SinkConfig("elastic", "elasticsearch",
                    Map.of("url", elastic.url(), "index", "cs-audit", "api_key", "a2V5")))) {
                delivery.start();
                Eventually.waitFor("all records indexed", () -> delivery.status().deliveredPosition() == 5);
            }
            List<ChainedRecord> chain = fixture.trail.page(0, 100);
            assertThat(indexed).containsExactlyInAnyOrderElementsOf(chain.stream().map(ChainedRecord::eventId).toList());
            HttpReceiver.Request first = elastic.accepted.get(0);
            assertThat(first.path()).isEqualTo("/_bulk");
            assertThat(first.header("Content-Type")).isEqualTo("application/x-ndjson");
            assertThat(first.header("Authorization")).isEqualTo("ApiKey a2V5");
            String[] lines = first.body().split("\n");
            JsonNode action = CanonicalJson.MAPPER.readTree(lines[0]);
            JsonNode doc = CanonicalJson.MAPPER.readTree(lines[1]);
            assertThat(action.path("create").path("_index").asText()).isEqualTo("cs-audit");
            assertThat(action.path("create").path("_id").asText()).isEqualTo(chain.get(0).eventId());
            assertThat(doc.path("@timestamp").asText()).isEqualTo(chain.get(0).record().path("time").asText());
            assertThat(doc.path("event").path("action").asText()).isEqualTo("node.registered");
            assertThat(doc.path("event").path("id").asText()).isEqualTo(chain.get(0).eventId());
            assertThat(doc.path("event").path("type").get(0).asText()).isEqualTo("creation");
            assertThat(doc.path("user").path("id").asText()).isEqualTo("abc123");
            assertThat(doc.path("source").path("ip").asText()).isEqualTo("192.0.2.7");
            assertThat(doc.path("chronoscale").path("chain").path("hash").asText()).isEqualTo(chain.get(0).hash());
        }
    }

    /** A bulk endpoint that answers a duplicate _id with 409 in the item, as Elasticsearch does. */
    private static HttpReceiver.Answer bulk(HttpReceiver.Request request, Set<String> indexed) {
        if (!request.path().equals("/_bulk")) {
            return new HttpReceiver.Answer(404, "{}");
        }
        StringBuilder items = new StringBuilder();
        boolean errors = false;
        String[] lines = request.body().split("\n");
        for (int i = 0; i < lines.length; i += 2) {
            try {
                String id = CanonicalJson.MAPPER.readTree(lines[i]).path("create").path("_id").asText();
                boolean fresh = indexed.add(id);
                errors |= !fresh;
                items.append(items.isEmpty() ? "" : ",").append("{\"create\":{\"_id\":\"").append(id).append("\",\"status\":")
                        .append(fresh ? 201 : 409).append("}}");
            } catch (IOException e) {
                return new HttpReceiver.Answer(400, "{}");
            }
        }
        return new HttpReceiver.Answer(200, "{\"took\":1,\"errors\":" + errors + ",\"items\":[" + items + "]}");
    }

    @Test
    void aResentBulkBatchOfAlreadyIndexedRecordsCountsAsDelivered() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(3);
        fixture.appender.appendAvailable();
        Set<String> indexed = new HashSet<>(fixture.trail.page(0, 100).stream().map(ChainedRecord::eventId).toList());
        try (HttpReceiver elastic = new HttpReceiver(r -> bulk(r, indexed));
             SinkDelivery delivery = delivery(fixture, new SinkConfig("elastic", "elasticsearch", Map.of("url", elastic.url())))) {
            delivery.start();
            Eventually.waitFor("the batch to count as delivered", () -> delivery.status().deliveredPosition() == 3);
            assertThat(delivery.status().failures()).isZero();
        }
    }

    @Test
    void webhookRequestsAreSignedAndKeyedAndResumeFromTheCheckpointAfterARestart() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(4);
        fixture.appender.appendAvailable();
        byte[] secret = "hook-secret".getBytes(StandardCharsets.UTF_8);
        try (HttpReceiver hook = new HttpReceiver(r -> {
            String expected = "sha256=" + WebhookSink.signature(secret, r.header(WebhookSink.TIMESTAMP_HEADER),
                    r.body().getBytes(StandardCharsets.UTF_8));
            return expected.equals(r.header(WebhookSink.SIGNATURE_HEADER))
                    ? new HttpReceiver.Answer(204, "") : new HttpReceiver.Answer(401, "bad signature");
        })) {
            SinkConfig config = new SinkConfig("hook", "webhook", Map.of("url", hook.url() + "/audit", "secret", "hook-secret"));
            try (SinkDelivery delivery = delivery(fixture, config)) {
                delivery.start();
                Eventually.waitFor("4 webhook calls", () -> delivery.status().deliveredPosition() == 4);
            }
            // the server restarts: a new delivery for the same sink resumes from its stored checkpoint
            fixture.history(2);
            fixture.appender.appendAvailable();
            hook.refuseNext(2);
            try (SinkDelivery delivery = delivery(fixture, config)) {
                delivery.start();
                Eventually.waitFor("the 2 new records", () -> delivery.status().deliveredPosition() == 6);
            }
            List<String> keys = hook.accepted.stream().map(r -> r.header("Idempotency-Key")).toList();
            assertThat(keys).containsExactlyElementsOf(fixture.trail.page(0, 100).stream().map(ChainedRecord::eventId).toList());
            for (HttpReceiver.Request request : hook.accepted) {
                JsonNode body = CanonicalJson.MAPPER.readTree(request.body());
                assertThat(body.path("id").asText()).isEqualTo(request.header("Idempotency-Key"));
                assertThat(request.path()).isEqualTo("/audit");
            }
        }
    }

    @Test
    void webhookCanSendOcsf() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(2);
        fixture.appender.appendAvailable();
        try (HttpReceiver hook = new HttpReceiver(r -> new HttpReceiver.Answer(200, "{}"));
             SinkDelivery delivery = delivery(fixture, new SinkConfig("ocsf", "webhook",
                     Map.of("url", hook.url(), "secret", "x", "format", "ocsf")))) {
            delivery.start();
            Eventually.waitFor("2 calls", () -> delivery.status().deliveredPosition() == 2);
            JsonNode renamed = CanonicalJson.MAPPER.readTree(hook.accepted.get(1).body());
            assertThat(renamed.path("class_uid").asInt()).isEqualTo(3004);
            assertThat(renamed.path("activity_id").asInt()).isEqualTo(3);
            assertThat(renamed.path("type_uid").asInt()).isEqualTo(300403);
            assertThat(renamed.path("metadata").path("uid").asText()).isEqualTo(fixture.trail.page(0, 10).get(1).eventId());
            assertThat(renamed.path("actor").path("user").path("uid").asText()).isEqualTo("abc123");
            assertThat(renamed.path("entity").path("type").asText()).isEqualTo("node");
        }
    }

    @Test
    void theFileSinkRotatesAndKeepsEveryLine() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(12);
        fixture.appender.appendAvailable();
        Path file = dir.resolve("out/audit.jsonl");
        var sink = new SinkFactory(dir, "test", Clock.systemUTC()).create(new SinkConfig("file", "file",
                Map.of("path", file.toString(), "format", "ecs", "max_size_mb", "0", "max_files", "20")));
        sink.deliver(fixture.trail.page(0, 100));
        List<String> lines = new ArrayList<>();
        for (int i = 20; i >= 1; i--) {
            Path rotated = file.resolveSibling("audit.jsonl." + i);
            if (Files.exists(rotated)) {
                lines.addAll(Files.readAllLines(rotated));
            }
        }
        lines.addAll(Files.readAllLines(file));
        assertThat(lines).hasSize(12);
        assertThat(Files.exists(file.resolveSibling("audit.jsonl.1"))).isTrue();
        List<String> ids = new ArrayList<>();
        for (String line : lines) {
            ids.add(CanonicalJson.MAPPER.readTree(line).path("event").path("id").asText());
        }
        assertThat(ids).containsExactlyElementsOf(fixture.trail.page(0, 100).stream().map(ChainedRecord::eventId).toList());
    }

    private SinkDelivery delivery(AuditFixture fixture, SinkConfig config) {
        return new SinkDelivery(config.name(), new SinkFactory(dir, "test", Clock.systemUTC()).create(config), fixture.trail,
                new SinkCheckpointStore(fixture.events.jdbc, Clock.systemUTC()),
                new Backoff(Duration.ofMillis(20), Duration.ofMillis(100)), 3, Clock.systemUTC(), Duration.ofMillis(50));
    }
}
