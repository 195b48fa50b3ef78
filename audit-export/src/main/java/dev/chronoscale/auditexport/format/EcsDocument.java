package dev.chronoscale.auditexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.util.Locale;

/**
 * The record in Elastic Common Schema field names (ECS 8): {@code @timestamp}, {@code event.*},
 * {@code user.*} for the actor, {@code source.ip} for the origin; what ECS has no field for lives under
 * {@code chronoscale.*}. The event id is also the document id, so a re-sent record is not indexed twice.
 */
public final class EcsDocument {

    public static final String ECS_VERSION = "8.11.0";

    private EcsDocument() {
    }

    public static ObjectNode of(ChainedRecord link) {
        JsonNode r = link.record();
        ObjectNode doc = CanonicalJson.MAPPER.createObjectNode();
        doc.put("@timestamp", r.path("time").asText());
        doc.putObject("ecs").put("version", ECS_VERSION);
        ObjectNode event = doc.putObject("event");
        event.put("id", r.path("id").asText());
        event.put("action", r.path("action").asText());
        event.put("kind", "event");
        event.putArray("category").add(category(r.path("target").path("type").asText()));
        event.putArray("type").add(ActionKind.of(r.path("action").asText()).name().toLowerCase(Locale.ROOT));
        event.put("outcome", "success");
        event.put("provider", "chronoscale");
        event.put("dataset", "chronoscale.audit");
        if (!r.path("reason").isNull()) {
            event.put("reason", r.path("reason").asText());
        }
        ObjectNode user = doc.putObject("user");
        user.put("id", r.path("actor").path("id").asText());
        user.put("name", r.path("actor").path("id").asText());
        if (!r.path("origin").path("address").isNull()) {
            String address = r.path("origin").path("address").asText();
            doc.putObject("source").put("ip", hostOf(address));
            doc.putObject("related").putArray("ip").add(hostOf(address));
        }
        doc.putObject("observer").put("vendor", "Chronoscale").put("product", "Chronoscale").put("type", "control-server");
        ObjectNode chronoscale = doc.putObject("chronoscale");
        chronoscale.set("actor", r.path("actor"));
        chronoscale.put("via", r.path("origin").path("via").asText());
        chronoscale.set("target", r.path("target"));
        chronoscale.set("changes", r.path("changes"));
        chronoscale.set("details", r.path("details"));
        chronoscale.set("diff", r.path("diff"));
        ObjectNode chain = chronoscale.putObject("chain");
        chain.put("position", link.position());
        chain.put("previous_hash", link.previousHash());
        chain.put("hash", link.hash());
        return doc;
    }

    private static String category(String targetType) {
        return switch (targetType) {
            case "user", "apikey", "preauthkey" -> "iam";
            case "node" -> "host";
            default -> "configuration";
        };
    }

    /** "192.0.2.7:5123" and "[2001:db8::1]:443" -> the address alone. */
    static String hostOf(String address) {
        if (address.startsWith("[")) {
            return address.substring(1, Math.max(1, address.indexOf(']')));
        }
        int colon = address.lastIndexOf(':');
        return colon > 0 && address.indexOf(':') == colon ? address.substring(0, colon) : address;
    }
}
