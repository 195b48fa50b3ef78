package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The documented JSON form of an {@link AuditRecord}. Absent optional values are written as null. */
public final class AuditRecordJson {

    private AuditRecordJson() {
    }

    public static ObjectNode write(AuditRecord record) {
        ObjectNode json = CanonicalJson.MAPPER.createObjectNode();
        json.put("schema", AuditRecord.SCHEMA_VERSION);
        json.put("id", record.id());
        json.put("time", record.time().toString());
        json.put("action", record.action());
        ObjectNode actor = json.putObject("actor");
        actor.put("type", record.actor().type());
        actor.put("id", record.actor().id());
        ObjectNode origin = json.putObject("origin");
        origin.put("via", record.origin().via());
        origin.put("address", record.origin().address().orElse(null));
        ObjectNode target = json.putObject("target");
        target.put("type", record.target().type());
        target.put("id", record.target().id());
        target.put("name", record.target().name().orElse(null));
        ArrayNode changes = json.putArray("changes");
        for (AuditRecord.Change change : record.changes()) {
            ObjectNode c = changes.addObject();
            c.put("field", change.field());
            c.set("old", change.oldValue());
            c.set("new", change.newValue());
        }
        json.put("diff", record.diff().orElse(null));
        json.set("details", record.details());
        json.put("reason", record.reason().orElse(null));
        ObjectNode source = json.putObject("source");
        source.put("globalIndex", record.source().globalIndex());
        source.put("eventType", record.source().eventType());
        source.put("aggregateId", record.source().aggregateId());
        return json;
    }
}
