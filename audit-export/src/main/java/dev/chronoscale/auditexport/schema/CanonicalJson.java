package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The serialisation that is hashed: JSON with object keys sorted by their UTF-16 code units, no
 * insignificant whitespace, strings escaped as Jackson writes them. Two records hash the same
 * exactly when their canonical forms are equal, whatever order a file or a SIEM wrote the keys in.
 */
public final class CanonicalJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private CanonicalJson() {
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(sorted(node));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            Iterator<String> it = node.fieldNames();
            it.forEachRemaining(names::add);
            names.sort(null);
            ObjectNode copy = MAPPER.createObjectNode();
            for (String name : names) {
                copy.set(name, sorted(node.get(name)));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = MAPPER.createArrayNode();
            node.forEach(element -> copy.add(sorted(element)));
            return copy;
        }
        return node;
    }
}
