package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.chronoscale.gateway.http.ErrorReplies.BadRequestException;
import dev.chronoscale.gateway.http.HttpRequestContext;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A JSON request body read the way protojson reads it: camelCase or snake_case names, ids as
 * numbers or strings, RFC 3339 timestamps; unknown fields ignored.
 */
final class RequestBody {

    private final JsonNode json;

    private RequestBody(JsonNode json) {
        this.json = json;
    }

    static RequestBody of(HttpRequestContext request) {
        if (request.body().length == 0) {
            return new RequestBody(MissingNode.getInstance());
        }
        try {
            JsonNode parsed = ApiJson.MAPPER.readTree(request.body());
            if (parsed == null || !parsed.isObject()) {
                throw new BadRequestException("the request body must be a JSON object");
            }
            return new RequestBody(parsed);
        } catch (IOException e) {
            throw new BadRequestException("malformed JSON body: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private Optional<JsonNode> field(String camel, String snake) {
        JsonNode value = json.get(camel);
        if (value == null || value.isNull()) {
            value = json.get(snake);
        }
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    Optional<String> text(String camel, String snake) {
        return field(camel, snake).map(v -> {
            if (!v.isValueNode()) {
                throw new BadRequestException("field '" + camel + "' must be a string");
            }
            return v.asText();
        }).filter(s -> !s.isEmpty());
    }

    /** Whether the field is there, even as an empty list or string. */
    boolean has(String name) {
        return field(name, name).isPresent();
    }

    Optional<String> text(String name) {
        return text(name, name);
    }

    Optional<Long> id(String camel, String snake) {
        return text(camel, snake).map(s -> parseId(camel, s)).filter(v -> v != 0);
    }

    boolean flag(String name) {
        return flag(name, name);
    }

    /** A boolean field under its JSON name or its proto name; false when absent. */
    boolean flag(String jsonName, String protoName) {
        return field(jsonName, protoName).map(v -> {
            if (!v.isBoolean()) {
                throw new BadRequestException("field '" + jsonName + "' must be true or false");
            }
            return v.booleanValue();
        }).orElse(false);
    }

    Optional<Instant> time(String name) {
        return text(name).map(s -> parseTime(name, s));
    }

    List<String> strings(String camel, String snake) {
        Optional<JsonNode> value = field(camel, snake);
        if (value.isEmpty()) {
            return List.of();
        }
        if (!value.get().isArray()) {
            throw new BadRequestException("field '" + camel + "' must be a list of strings");
        }
        List<String> result = new ArrayList<>();
        value.get().forEach(v -> result.add(v.asText()));
        return result;
    }

    static long parseId(String name, String text) {
        try {
            long value = Long.parseLong(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new BadRequestException("'" + name + "' must be a non-negative whole number, not '" + text + "'");
        }
    }

    static Instant parseTime(String name, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                throw new BadRequestException("'" + name + "' must be an RFC 3339 timestamp, not '" + text + "'");
            }
        }
    }
}
