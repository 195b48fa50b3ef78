package dev.chronoscale.auditexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.time.Instant;

/**
 * The record as an OCSF 1.1 "Entity Management" event (class 3004, category 3 Identity & Access
 * Management): {@code activity_id} 1 create, 3 update, 4 delete, 99 other; what OCSF has no attribute
 * for is under {@code unmapped}.
 */
public final class OcsfEvent {

    public static final int CLASS_UID = 3004;
    public static final int CATEGORY_UID = 3;

    private OcsfEvent() {
    }

    public static ObjectNode of(ChainedRecord link) {
        JsonNode r = link.record();
        int activity = switch (ActionKind.of(r.path("action").asText())) {
            case CREATION -> 1;
            case CHANGE -> 3;
            case DELETION -> 4;
            case ACCESS -> 99;
        };
        ObjectNode event = CanonicalJson.MAPPER.createObjectNode();
        event.put("class_uid", CLASS_UID);
        event.put("class_name", "Entity Management");
        event.put("category_uid", CATEGORY_UID);
        event.put("category_name", "Identity & Access Management");
        event.put("activity_id", activity);
        event.put("activity_name", r.path("action").asText());
        event.put("type_uid", CLASS_UID * 100 + activity);
        event.put("time", Instant.parse(r.path("time").asText()).toEpochMilli());
        event.put("severity_id", 1);
        event.put("severity", "Informational");
        event.put("status_id", 1);
        event.put("status", "Success");
        event.put("message", r.path("action").asText() + " " + r.path("target").path("type").asText() + " "
                + r.path("target").path("id").asText());
        ObjectNode metadata = event.putObject("metadata");
        metadata.put("version", "1.1.0");
        metadata.put("uid", r.path("id").asText());
        metadata.putObject("product").put("name", "Chronoscale").put("vendor_name", "Chronoscale");
        ObjectNode actorUser = event.putObject("actor").putObject("user");
        actorUser.put("uid", r.path("actor").path("id").asText());
        actorUser.put("type", r.path("actor").path("type").asText());
        if (!r.path("origin").path("address").isNull()) {
            event.putObject("src_endpoint").put("ip", EcsDocument.hostOf(r.path("origin").path("address").asText()));
        }
        ObjectNode entity = event.putObject("entity");
        entity.put("uid", r.path("target").path("id").asText());
        entity.put("type", r.path("target").path("type").asText());
        if (!r.path("target").path("name").isNull()) {
            entity.put("name", r.path("target").path("name").asText());
        }
        ObjectNode unmapped = event.putObject("unmapped");
        unmapped.put("via", r.path("origin").path("via").asText());
        unmapped.set("changes", r.path("changes"));
        unmapped.set("details", r.path("details"));
        unmapped.set("diff", r.path("diff"));
        unmapped.set("reason", r.path("reason"));
        unmapped.put("chain_position", link.position());
        unmapped.put("chain_hash", link.hash());
        return event;
    }
}
