package dev.chronoscale.inventory;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Conversions between inventory column values and Java values, the same on H2 and PostgreSQL. */
final class SqlValues {
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private SqlValues() {
    }

    /**
     * Millisecond precision, the precision of the event store's timestamps, so a projection rebuilt from
     * stored events holds exactly what the live one held.
     */
    static OffsetDateTime timestamp(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MILLIS), ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    static String list(List<String> values) {
        return values == null ? "" : String.join(",", values);
    }

    static List<String> list(String column) {
        return column == null || column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }

    /** A list of names that may hold any character (commas too), as a JSON array. */
    static String jsonList(java.util.Collection<String> values) {
        try {
            return JSON.writeValueAsString(values == null ? List.of() : List.copyOf(values));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<String> jsonList(String column) {
        if (column == null || column.isEmpty()) {
            return List.of();
        }
        try {
            return List.of(JSON.readValue(column, String[].class));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("not a JSON list of names: " + column, e);
        }
    }

    static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }
}
