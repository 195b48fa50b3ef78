package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.chronoscale.eventlog.JdbcEventStorage;

/**
 * Values of typed events as JSON, written as the event store's Jackson serializer writes them (instants and
 * durations as ISO-8601 text), so a record carries the same values the stored event does.
 */
final class EventJson {

    private static final ObjectMapper MAPPER = JdbcEventStorage.objectMapper();

    private EventJson() {
    }

    static JsonNode of(Object value) {
        return value == null ? NullNode.instance : MAPPER.valueToTree(value);
    }
}
