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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The syslog sink against a real rsyslogd over TCP and TLS, including the receiver going away. */
class SyslogSinkTest {

    @TempDir
    Path dir;

    @Test
    void tcpDeliversEveryRecordInOrderThroughAnOutage() throws Exception {
        deliverThroughOutage(false, "rfc5424");
    }

    @Test
    void tlsDeliversEveryRecordInOrderThroughAnOutage() throws Exception {
        deliverThroughOutage(true, "rfc5424");
    }

    @Test
    void udpDeliversEachRecordAsOneDatagram() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(5);
        fixture.appender.appendAvailable();
        try (RsyslogServer rsyslog = RsyslogServer.prepare(dir.resolve("rsyslog"), RsyslogServer.Listener.UDP)) {
            rsyslog.start();
            SinkConfig config = new SinkConfig("udp", "syslog", Map.of("address", rsyslog.address(), "transport", "udp"));
            try (SinkDelivery delivery = new SinkDelivery("udp", new SinkFactory(dir, "test", Clock.systemUTC()).create(config),
                    fixture.trail, new SinkCheckpointStore(fixture.events.jdbc, Clock.systemUTC()),
                    new Backoff(Duration.ofMillis(50), Duration.ofMillis(200)), 2, Clock.systemUTC(), Duration.ofMillis(50))) {
                delivery.start();
                Eventually.waitFor("5 datagrams at rsyslog", () -> ids(rsyslog).size() >= 5);
            }
            List<String> expected = fixture.trail.page(0, 100).stream().map(ChainedRecord::eventId).toList();
            assertThat(ids(rsyslog)).isEqualTo(expected);
            Map<String, JsonNode> bodies = bodies(rsyslog);
            assertThat(bodies.get(expected.get(4))).isEqualTo(fixture.trail.page(4, 1).get(0).record());
        }
    }

    @Test
    void cefOverSyslogCarriesTheRecordFields() throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(3);
        fixture.appender.appendAvailable();
        try (RsyslogServer rsyslog = RsyslogServer.prepare(dir.resolve("rsyslog"), false)) {
            rsyslog.start();
            try (SinkDelivery delivery = delivery(fixture, rsyslog, false, "cef")) {
                delivery.start();
                Eventually.waitFor("3 CEF messages", () -> lines(rsyslog).size() >= 3);
            }
            List<ChainedRecord> chain = fixture.trail.page(0, 10);
            String first = rsyslog.lines().get(0);
            assertThat(first).startsWith("node.registered [chronoscale@32473 id=\"" + chain.get(0).eventId() + "\"");
            assertThat(first).contains("CEF:0|Chronoscale|Chronoscale|test|node.registered|node.registered node 0|3|");
            assertThat(first).contains("externalId=" + chain.get(0).eventId());
            assertThat(first).contains("suser=abc123").contains("src=192.0.2.7").contains("reason=ticket 42");
            assertThat(first).contains("cs6Label=chainHash cs6=" + chain.get(0).hash());
        }
    }

    private void deliverThroughOutage(boolean tls, String format) throws Exception {
        AuditFixture fixture = new AuditFixture(dir);
        fixture.history(10);
        fixture.appender.appendAvailable();
        try (RsyslogServer rsyslog = RsyslogServer.prepare(dir.resolve("rsyslog"), tls)) {
            try (SinkDelivery delivery = delivery(fixture, rsyslog, tls, format)) {
                delivery.start();
                Eventually.waitFor("failed attempts while rsyslog is down", () -> delivery.status().failures() >= 2);
                assertThat(delivery.status().deliveredPosition()).isZero();

                rsyslog.start();
                Eventually.waitFor("all 10 records at rsyslog", () -> ids(rsyslog).size() >= 10
                        && delivery.status().deliveredPosition() == 10);

                rsyslog.stop();
                fixture.history(4);
                fixture.appender.appendAvailable();
                delivery.wake();
                long failuresBefore = delivery.status().failures();
                Eventually.waitFor("failures while rsyslog is down again", () -> delivery.status().failures() > failuresBefore);
                rsyslog.start();
                // syslog has no acknowledgements: wait until rsyslog has written them before stopping it
                Eventually.waitFor("all 14 records", () -> delivery.status().deliveredPosition() == 14
                        && new HashSet<>(ids(rsyslog)).size() == 14);
                assertThat(delivery.status().lag()).isZero();
            }
            rsyslog.stop();
            List<String> expected = fixture.trail.page(0, 100).stream().map(ChainedRecord::eventId).toList();
            assertThat(withoutRepeats(ids(rsyslog))).as("every record, in chain order").isEqualTo(expected);
            Map<String, JsonNode> bodies = bodies(rsyslog);
            for (ChainedRecord link : fixture.trail.page(0, 100)) {
                assertThat(bodies.get(link.eventId())).as("the MSG is the record").isEqualTo(link.record());
            }
        }
    }

    private SinkDelivery delivery(AuditFixture fixture, RsyslogServer rsyslog, boolean tls, String format) {
        Map<String, String> settings = new HashMap<>(Map.of("address", rsyslog.address(), "transport", tls ? "tls" : "tcp",
                "format", format, "hostname", "cs-test"));
        if (tls) {
            settings.put("tls_ca", rsyslog.caFile().toString());
            settings.put("tls_server_name", "localhost");
        }
        SinkConfig config = new SinkConfig("rsyslog", "syslog", settings);
        return new SinkDelivery("rsyslog", new SinkFactory(dir, "test", Clock.systemUTC()).create(config), fixture.trail,
                new SinkCheckpointStore(fixture.events.jdbc, Clock.systemUTC()), new Backoff(Duration.ofMillis(50),
                Duration.ofMillis(200)), 4, Clock.systemUTC(), Duration.ofMillis(50));
    }

    private static List<String> lines(RsyslogServer rsyslog) {
        try {
            return rsyslog.lines();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** The event ids of the received messages, from the structured data, in arrival order. */
    private static List<String> ids(RsyslogServer rsyslog) {
        List<String> ids = new ArrayList<>();
        for (String line : lines(rsyslog)) {
            int at = line.indexOf(" id=\"");
            if (at >= 0) {
                ids.add(line.substring(at + 5, line.indexOf('"', at + 5)));
            }
        }
        return ids;
    }

    private static Map<String, JsonNode> bodies(RsyslogServer rsyslog) throws IOException {
        Map<String, JsonNode> bodies = new HashMap<>();
        for (String line : rsyslog.lines()) {
            JsonNode json = CanonicalJson.MAPPER.readTree(line.substring(line.indexOf("] {") + 2));
            bodies.put(json.path("id").asText(), json);
        }
        return bodies;
    }

    /** At least once allows a batch to arrive twice after an outage; drop such repeats, keep the order. */
    private static List<String> withoutRepeats(List<String> ids) {
        List<String> result = new ArrayList<>();
        for (String id : ids) {
            if (!result.contains(id)) {
                result.add(id);
            }
        }
        return result;
    }
}
