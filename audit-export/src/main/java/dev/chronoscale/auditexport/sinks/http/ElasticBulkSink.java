package dev.chronoscale.auditexport.sinks.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.format.EcsDocument;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Elasticsearch / OpenSearch {@code POST <url>/_bulk} (NDJSON): per record a
 * {@code {"create":{"_index":<index>,"_id":<event id>}}} line and the ECS document. {@code create} with the
 * event id as {@code _id} makes a re-sent record a 409 "already exists", which counts as delivered.
 */
public final class ElasticBulkSink implements AuditSink {

    private final HttpPoster http = new HttpPoster();
    private final URI endpoint;
    private final String index;
    private final Map<String, String> headers = new HashMap<>();

    /** {@code authorization} is a complete Authorization header value ("ApiKey ..." or "Basic ..."), if any. */
    public ElasticBulkSink(URI baseUrl, String index, Optional<String> authorization) {
        this.endpoint = URI.create(baseUrl.toString().replaceAll("/+$", "") + "/_bulk");
        this.index = index;
        headers.put("Content-Type", "application/x-ndjson");
        authorization.ifPresent(a -> headers.put("Authorization", a));
    }

    @Override
    public String type() {
        return "elasticsearch";
    }

    @Override
    public void deliver(List<ChainedRecord> records) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        for (ChainedRecord link : records) {
            ObjectNode action = CanonicalJson.MAPPER.createObjectNode();
            action.putObject("create").put("_index", index).put("_id", link.eventId());
            body.append(CanonicalJson.MAPPER.writeValueAsString(action)).append('\n')
                    .append(CanonicalJson.MAPPER.writeValueAsString(EcsDocument.of(link))).append('\n');
        }
        HttpPoster.Answer answer = http.postExpectingSuccess(endpoint, headers, body.toString().getBytes(StandardCharsets.UTF_8));
        JsonNode result = CanonicalJson.MAPPER.readTree(answer.body());
        if (result.path("errors").asBoolean(false)) {
            for (JsonNode item : result.path("items")) {
                JsonNode create = item.path("create");
                int status = create.path("status").asInt();
                if (status != 201 && status != 200 && status != 409) {
                    throw new IOException("bulk item " + create.path("_id").asText() + " failed with " + status + ": "
                            + create.path("error").path("reason").asText(create.path("error").toString()));
                }
            }
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
