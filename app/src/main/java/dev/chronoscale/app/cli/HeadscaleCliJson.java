package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Converts REST JSON into what Headscale's CLI prints with {@code -o json} (Go's encoding/json on its
 * protobuf structs): snake_case names, numeric ids, timestamps as {seconds, nanos}, enums as numbers,
 * zero values left out. With {@code yaml} the names are lower case without separators and nothing is
 * left out, as yaml.v3 prints the same structs.
 */
final class HeadscaleCliJson {

    private static final Set<String> TIMES = Set.of("createdAt", "expiration", "lastSeen", "expiry", "updatedAt");
    private static final Set<String> IDS = Set.of("id");
    private static final Map<String, Integer> REGISTER_METHODS = Map.of(
            "REGISTER_METHOD_UNSPECIFIED", 0, "REGISTER_METHOD_AUTH_KEY", 1, "REGISTER_METHOD_CLI", 2, "REGISTER_METHOD_OIDC", 3);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** Go's json.MarshalIndent(v, "", "\t"): tab indents, "key": value. */
    private static final com.fasterxml.jackson.core.util.DefaultPrettyPrinter GO_INDENT =
            new com.fasterxml.jackson.core.util.DefaultPrettyPrinter()
                    .withObjectIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("\t", "\n"))
                    .withArrayIndenter(new com.fasterxml.jackson.core.util.DefaultIndenter("\t", "\n"))
                    .withSeparators(com.fasterxml.jackson.core.util.Separators.createDefaultInstance()
                            .withObjectFieldValueSpacing(com.fasterxml.jackson.core.util.Separators.Spacing.AFTER)
                            .withObjectEmptySeparator("").withArrayEmptySeparator(""));

    private HeadscaleCliJson() {
    }

    static JsonNode json(JsonNode api) {
        return convert(api, false);
    }

    static JsonNode yaml(JsonNode api) {
        return convert(api, true);
    }

    private static JsonNode convert(JsonNode value, boolean yaml) {
        if (value.isArray()) {
            ArrayNode array = NODES.arrayNode();
            value.forEach(v -> array.add(convert(v, yaml)));
            return array;
        }
        if (!value.isObject()) {
            return value;
        }
        ObjectNode out = NODES.objectNode();
        Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode v = field.getValue();
            JsonNode converted;
            if (TIMES.contains(name) && v.isTextual()) {
                Instant t = Instant.parse(v.asText());
                ObjectNode ts = NODES.objectNode();
                ts.put("seconds", t.getEpochSecond());
                if (t.getNano() != 0 || yaml) {
                    ts.put("nanos", t.getNano());
                }
                converted = ts;
            } else if (IDS.contains(name) && v.isTextual() && v.asText().matches("\\d+")) {
                converted = NODES.numberNode(Long.parseLong(v.asText()));
            } else if (name.equals("registerMethod") && v.isTextual()) {
                converted = NODES.numberNode(REGISTER_METHODS.getOrDefault(v.asText(), 0));
            } else {
                converted = convert(v, yaml);
            }
            if (!yaml && isZero(converted)) {
                continue;
            }
            out.set(yaml ? name.toLowerCase() : snake(name), converted);
        }
        return out;
    }

    private static boolean isZero(JsonNode v) {
        return v.isNull() || (v.isBoolean() && !v.booleanValue()) || (v.isTextual() && v.asText().isEmpty())
                || (v.isArray() && v.isEmpty()) || (v.isNumber() && v.asLong() == 0 && v.asDouble() == 0);
    }

    static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }

    static String print(JsonNode node, String format) throws com.fasterxml.jackson.core.JsonProcessingException {
        ObjectMapper mapper = new ObjectMapper();
        return switch (format) {
            case "json" -> mapper.writer(GO_INDENT).writeValueAsString(json(node));
            case "json-line" -> mapper.writeValueAsString(json(node));
            case "yaml" -> new ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory()
                    .disable(com.fasterxml.jackson.dataformat.yaml.YAMLGenerator.Feature.WRITE_DOC_START_MARKER))
                    .writeValueAsString(yaml(node)).stripTrailing();
            default -> throw new IllegalArgumentException("unknown output format '" + format + "' (json, json-line, yaml)");
        };
    }
}
