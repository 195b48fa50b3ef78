package dev.chronoscale.compliance.trail;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One audit record (docs/audit.md's schema) at its chain position, with the fields the reports read. */
public record TrailRecord(long position, JsonNode record) {

    public Instant time() {
        return Instant.parse(record.path("time").asText());
    }

    public String action() {
        return record.path("action").asText();
    }

    public String actorType() {
        return record.path("actor").path("type").asText();
    }

    public String actorId() {
        return record.path("actor").path("id").asText();
    }

    /** {@code cli}, {@code api}, {@code oidc}, {@code node} or {@code system}. */
    public String via() {
        return record.path("origin").path("via").asText();
    }

    public Optional<String> address() {
        return text(record.path("origin").path("address"));
    }

    public String targetType() {
        return record.path("target").path("type").asText();
    }

    public String targetId() {
        return record.path("target").path("id").asText();
    }

    public Optional<String> targetName() {
        return text(record.path("target").path("name"));
    }

    public Optional<String> reason() {
        return text(record.path("reason"));
    }

    public JsonNode details() {
        return record.path("details");
    }

    public Optional<String> diff() {
        return text(record.path("diff"));
    }

    /** The old and the new value of a changed field, as JSON (missing nodes when the field did not change). */
    public JsonNode changeOld(String field) {
        return change(field).path("old");
    }

    public JsonNode changeNew(String field) {
        return change(field).path("new");
    }

    private JsonNode change(String field) {
        for (JsonNode change : record.path("changes")) {
            if (change.path("field").asText().equals(field)) {
                return change;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** The actor as the reports write it: {@code API_KEY abc123 (api, 10.0.0.5)}. */
    public String actor() {
        return actorType() + " " + actorId() + " (" + via() + address().map(a -> ", " + a).orElse("") + ")";
    }

    public static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(value -> out.add(value.asText()));
        return out;
    }

    private static Optional<String> text(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? Optional.empty() : Optional.of(node.asText());
    }
}
