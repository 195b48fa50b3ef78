package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Reading a policy document's JSON: field lookup as Tailscale does it, lists, and refusals. */
final class PolicyJson {

    private PolicyJson() {
    }

    /**
     * The object with its field names in canonical spelling. Tailscale matches field names without regard to
     * case ({@code "Action"} is {@code "action"}) and refuses names it does not know.
     */
    static JsonNode fieldsOf(JsonNode node, String where, Set<String> known) {
        require(node.isObject(), where + ": expected an object, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
        com.fasterxml.jackson.databind.node.ObjectNode out = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        node.fields().forEachRemaining(field -> {
            String canonical = known.stream().filter(k -> k.equalsIgnoreCase(field.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            "unknown field \"" + field.getKey() + "\" in " + where));
            require(!out.has(canonical), where + ": field \"" + canonical + "\" given twice");
            out.set(canonical, field.getValue());
        });
        return out;
    }

    static boolean isAutogroup(Alias alias, Autogroup autogroup) {
        return alias instanceof Alias.AutogroupRef ref && ref.autogroup() == autogroup;
    }

    static List<String> strings(JsonNode node, String field) {
        List<String> out = new ArrayList<>();
        list(node, field).forEach(value -> out.add(value.asText()));
        return out;
    }

    static List<JsonNode> list(JsonNode node, String field) {
        JsonNode value = node.path(field);
        List<JsonNode> out = new ArrayList<>();
        if (value.isMissingNode() || value.isNull()) {
            return out;
        }
        require(value.isArray(), "\"" + field + "\" must be a list");
        value.forEach(out::add);
        return out;
    }

    static Map<String, JsonNode> fields(JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
