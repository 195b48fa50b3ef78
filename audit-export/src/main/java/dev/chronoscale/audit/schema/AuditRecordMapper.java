package dev.chronoscale.audit.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns a stored event into its audit record. Known event types get a named action and their changed
 * values; any other type is mapped generically (action from the class name, fields as details), so a
 * new event type never stops the audit trail. Fields that hold secrets or their hashes are never copied.
 */
public final class AuditRecordMapper {

    /** Payload field names that are never copied into a record, whatever the event type. */
    private static final Set<String> SECRET_FIELD_WORDS = Set.of("secret", "hash", "password", "privatekey", "token");

    private final EventContext context;

    public AuditRecordMapper(EventContext context) {
        this.context = context;
    }

    public AuditRecord map(StoredEvent event) {
        JsonNode payload = read(event.payload());
        JsonNode metadata = event.metadata() == null ? JsonNodeFactory.instance.objectNode() : read(event.metadata());
        String type = simpleName(event.payloadType());
        Draft d = new Draft();
        switch (type) {
            case "UserCreated" -> d.action("user.created").target("user", payload.path("userId").asText(), text(payload, "name"))
                    .detail(payload, "displayName", "email");
            case "UserRenamed" -> d.action("user.renamed").target("user", payload.path("userId").asText(), text(payload, "newName"))
                    .change("name", payload.get("oldName"), payload.get("newName"));
            case "UserDeleted" -> d.action("user.deleted").target("user", payload.path("userId").asText(), text(payload, "name"))
                    .detail(payload, "forced");
            case "PreAuthKeyCreated" -> d.action("preauthkey.created")
                    .target("preauthkey", payload.path("keyId").asText(), text(payload, "prefix"))
                    .detail(payload, "userId", "reusable", "ephemeral", "expiration", "aclTags");
            case "PreAuthKeyUsed" -> d.action("preauthkey.used").target("preauthkey", payload.path("keyId").asText(), Optional.empty())
                    .detail(payload, "nodeId");
            case "PreAuthKeyExpired" -> d.action("preauthkey.expired")
                    .target("preauthkey", payload.path("keyId").asText(), Optional.empty()).detail(payload, "at");
            case "PreAuthKeyDeleted" -> d.action("preauthkey.deleted")
                    .target("preauthkey", payload.path("keyId").asText(), Optional.empty());
            case "ApiKeyCreated" -> d.action("apikey.created").target("apikey", payload.path("keyId").asText(), text(payload, "prefix"))
                    .detail(payload, "expiration");
            case "ApiKeyExpired" -> d.action("apikey.expired").target("apikey", payload.path("keyId").asText(), Optional.empty())
                    .detail(payload, "at");
            case "ApiKeyDeleted" -> d.action("apikey.deleted").target("apikey", payload.path("keyId").asText(), text(payload, "prefix"));
            case "NodeRegistered" -> d.action("node.registered").node(payload, text(payload, "givenName"))
                    .detail(payload, "hostname", "userId", "tags", "ipv4", "ipv6", "expiry", "ephemeral", "preAuthKeyId",
                            "registerMethod", "machineKey", "nodeKey");
            case "NodeRenamed" -> d.action("node.renamed").node(payload, text(payload, "newName"))
                    .change("name", payload.get("oldName"), payload.get("newName"));
            case "NodeTagged" -> d.action("node.tags_changed").node(payload, nodeName(payload))
                    .change("tags", payload.get("oldTags"), payload.get("newTags"));
            case "NodeExpired" -> d.action("node.expired").node(payload, nodeName(payload)).detail(payload, "at");
            case "NodeDeleted" -> d.action("node.deleted").node(payload, text(payload, "givenName")).detail(payload, "ipv4", "ipv6");
            case "NodeKeyRotated" -> d.action("node.key_rotated").node(payload, nodeName(payload))
                    .change("nodeKey", payload.get("oldNodeKey"), payload.get("newNodeKey")).detail(payload, "expiry");
            case "NodeRoutesAdvertised" -> d.action("route.advertised").node(payload, nodeName(payload))
                    .change("advertisedRoutes", payload.get("oldRoutes"), payload.get("newRoutes"));
            case "NodeRoutesApproved" -> d.action("route.approved").node(payload, nodeName(payload))
                    .change("approvedRoutes", payload.get("oldRoutes"), payload.get("newRoutes"));
            case "PolicyUpdated" -> policy(event, payload, d);
            case "TailnetConfigured" -> tailnet(payload, d);
            default -> generic(type, payload, d);
        }
        Optional<AuditContext> audit = actor(metadata);
        AuditRecord.Actor actor = audit.map(a -> new AuditRecord.Actor(a.actorType().name(), a.actorId()))
                .orElse(new AuditRecord.Actor("UNKNOWN", "unknown"));
        AuditRecord.Origin origin = new AuditRecord.Origin(audit.map(a -> via(a.actorType())).orElse("unknown"),
                audit.flatMap(AuditContext::remoteAddress));
        return new AuditRecord(event.eventId(), event.time(), d.action, actor, origin, d.target, List.copyOf(d.changes),
                d.diff, d.details, audit.flatMap(AuditContext::reason),
                new AuditRecord.Source(event.globalIndex(), type, event.aggregateId()));
    }

    private void policy(StoredEvent event, JsonNode payload, Draft d) {
        String version = payload.path("version").asText();
        d.action("policy.updated").target("policy", "policy", Optional.of("v" + version))
                .change("sha256", payload.get("previousSha256"), payload.get("sha256"));
        String newText = payload.path("text").asText("");
        String oldText = "";
        if (event.sequenceNumber() > 0) {
            oldText = context.payloadOf(event.aggregateId(), event.sequenceNumber() - 1)
                    .map(AuditRecordMapper::read).map(p -> p.path("text").asText("")).orElse("");
        }
        long previousVersion = Math.max(0, payload.path("version").asLong() - 1);
        d.diff = Optional.of(UnifiedDiff.of(oldText, newText, "policy v" + previousVersion, "policy v" + version));
        d.details.put("version", payload.path("version").asLong());
    }

    private static void tailnet(JsonNode payload, Draft d) {
        d.action("tailnet.configured").target("tailnet", "tailnet", Optional.empty());
        JsonNode previous = payload.path("previous");
        JsonNode current = payload.path("current");
        List<String> fields = new ArrayList<>();
        current.fieldNames().forEachRemaining(fields::add);
        previous.fieldNames().forEachRemaining(f -> {
            if (!fields.contains(f)) {
                fields.add(f);
            }
        });
        for (String field : fields) {
            JsonNode oldValue = previous.isObject() ? previous.get(field) : null;
            JsonNode newValue = current.get(field);
            if (!value(oldValue).equals(value(newValue))) {
                d.change(field, oldValue, newValue);
            }
        }
    }

    /** An event type this mapper does not know: {@code NodeSessionStarted} becomes {@code node.session_started}. */
    private void generic(String type, JsonNode payload, Draft d) {
        List<String> words = new ArrayList<>(List.of(type.split("(?<=[a-z0-9])(?=[A-Z])")));
        String targetType = words.remove(0).toLowerCase(Locale.ROOT);
        String rest = words.isEmpty() ? "changed" : String.join("_", words).toLowerCase(Locale.ROOT);
        d.action(targetType + "." + rest);
        String idField = targetType + "Id";
        String id = payload.has(idField) ? payload.get(idField).asText()
                : payload.has("id") ? payload.get("id").asText() : "";
        Optional<String> name = "node".equals(targetType) && payload.has("nodeId") ? nodeName(payload)
                : "user".equals(targetType) && payload.has("userId") ? context.userName(payload.get("userId").asLong())
                : Optional.empty();
        d.target(targetType, id, name);
        Iterator<Map.Entry<String, JsonNode>> fields = payload.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getKey().equals(idField) && !isSecret(field.getKey())) {
                d.details.set(field.getKey(), field.getValue());
            }
        }
    }

    static boolean isSecret(String fieldName) {
        String lower = fieldName.toLowerCase(Locale.ROOT);
        return SECRET_FIELD_WORDS.stream().anyMatch(lower::contains);
    }

    private Optional<String> nodeName(JsonNode payload) {
        return context.nodeName(payload.path("nodeId").asLong());
    }

    private static Optional<AuditContext> actor(JsonNode metadata) {
        Map<String, Object> entries = new HashMap<>();
        metadata.fields().forEachRemaining(e -> entries.put(e.getKey(), e.getValue().asText()));
        try {
            return AuditContext.fromMetadata(entries);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    static String via(ActorType type) {
        return switch (type) {
            case API_KEY -> "api";
            case LOCAL_CLI -> "cli";
            case OIDC -> "oidc";
            case NODE -> "node";
            case SYSTEM -> "system";
        };
    }

    private static Optional<String> text(JsonNode payload, String field) {
        JsonNode value = payload.get(field);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
    }

    private static JsonNode value(JsonNode node) {
        return node == null ? NullNode.instance : node;
    }

    private static String simpleName(String payloadType) {
        int cut = Math.max(payloadType.lastIndexOf('.'), payloadType.lastIndexOf('$'));
        return payloadType.substring(cut + 1);
    }

    private static JsonNode read(byte[] json) {
        try {
            return CanonicalJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("stored event is not JSON", e);
        }
    }

    /** The parts of a record as the mapping fills them in. */
    private final class Draft {
        String action;
        AuditRecord.Target target;
        final List<AuditRecord.Change> changes = new ArrayList<>();
        Optional<String> diff = Optional.empty();
        final ObjectNode details = CanonicalJson.MAPPER.createObjectNode();

        Draft action(String name) {
            this.action = name;
            return this;
        }

        Draft target(String type, String id, Optional<String> name) {
            this.target = new AuditRecord.Target(type, id, name);
            return this;
        }

        Draft node(JsonNode payload, Optional<String> name) {
            return target("node", payload.path("nodeId").asText(), name.or(() -> nodeName(payload)));
        }

        Draft change(String field, JsonNode oldValue, JsonNode newValue) {
            changes.add(new AuditRecord.Change(field, value(oldValue), value(newValue)));
            return this;
        }

        Draft detail(JsonNode payload, String... fields) {
            for (String field : fields) {
                if (!isSecret(field)) {
                    details.set(field, value(payload.get(field)));
                }
            }
            return this;
        }
    }
}
