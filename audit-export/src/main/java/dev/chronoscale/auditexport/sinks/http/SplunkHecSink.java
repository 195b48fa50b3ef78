package dev.chronoscale.auditexport.sinks.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.format.NativeDocument;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Splunk HTTP Event Collector: {@code POST <url>/services/collector/event} with
 * {@code Authorization: Splunk <token>} and a body of concatenated event objects
 * {@code {"time":<epoch seconds.millis>,"host":..,"source":"chronoscale","sourcetype":..,"index":..,"event":<record>}}.
 */
public final class SplunkHecSink implements AuditSink {

    private final HttpPoster http = new HttpPoster();
    private final URI endpoint;
    private final String token;
    private final String host;
    private final String sourcetype;
    private final Optional<String> index;

    public SplunkHecSink(URI baseUrl, String token, String host, String sourcetype, Optional<String> index) {
        String base = baseUrl.toString().replaceAll("/+$", "");
        this.endpoint = URI.create(base.endsWith("/services/collector/event") ? base : base + "/services/collector/event");
        this.token = token;
        this.host = host;
        this.sourcetype = sourcetype;
        this.index = index;
    }

    @Override
    public String type() {
        return "splunk_hec";
    }

    @Override
    public void deliver(List<ChainedRecord> records) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (ChainedRecord link : records) {
            ObjectNode event = CanonicalJson.MAPPER.createObjectNode();
            Instant time = Instant.parse(link.record().path("time").asText());
            event.put("time", BigDecimal.valueOf(time.toEpochMilli()).movePointLeft(3));
            event.put("host", host);
            event.put("source", "chronoscale");
            event.put("sourcetype", sourcetype);
            index.ifPresent(i -> event.put("index", i));
            event.set("event", NativeDocument.of(link));
            body.append(CanonicalJson.MAPPER.writeValueAsString(event)).append('\n');
        }
        http.postExpectingSuccess(endpoint, Map.of("Authorization", "Splunk " + token, "Content-Type", "application/json"),
                body.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        http.close();
    }
}
