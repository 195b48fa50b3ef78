package dev.chronoscale.tailcfg;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * JSON as Go's {@code encoding/json} reads and writes tailcfg: field names matched case-insensitively
 * and unknown ones ignored on input; nulls left out and times in RFC 3339 on output.
 */
public final class TailcfgJson {

    /** Go's zero {@code time.Time}, which clients send for "no value" (e.g. RegisterRequest.Expiry). */
    public static final Instant GO_ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .configure(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES, true)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .configure(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES, false)
            .configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private TailcfgJson() {
    }

    public static <T> T read(byte[] json, Class<T> type) throws MalformedMessageException {
        try {
            return MAPPER.readValue(json, type);
        } catch (IOException e) {
            throw new MalformedMessageException("malformed " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    public static byte[] write(Object message) {
        try {
            return MAPPER.writeValueAsBytes(message);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + message.getClass().getSimpleName(), e);
        }
    }

    /** True for a missing time or Go's zero time. */
    public static boolean isZero(Instant time) {
        return time == null || !time.isAfter(GO_ZERO_TIME);
    }

    /** A request body that is not the JSON message it should be. */
    public static final class MalformedMessageException extends Exception {
        public MalformedMessageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
