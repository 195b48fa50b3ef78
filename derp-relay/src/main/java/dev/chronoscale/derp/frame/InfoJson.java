package dev.chronoscale.derp.frame;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * JSON for the sealed ClientInfo/ServerInfo. Written field by field so the bytes match Go's
 * {@code encoding/json} output (field order, omitempty); read case-insensitively, as Go matches names.
 */
final class InfoJson {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory FACTORY = MAPPER.getFactory();

    private InfoJson() {}

    interface FieldWriter {
        void write(JsonGenerator g) throws IOException;
    }

    static byte[] write(FieldWriter fields) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64);
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static JsonNode read(byte[] json, String what) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                throw new MalformedFrameException(what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new MalformedFrameException(what + " is not valid JSON: " + e.getMessage());
        }
    }

    static Optional<JsonNode> field(JsonNode object, String name) {
        Iterator<Map.Entry<String, JsonNode>> it = object.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isNull()) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    static void ifPresent(JsonNode object, String name, Consumer<JsonNode> action) {
        field(object, name).ifPresent(action);
    }
}
