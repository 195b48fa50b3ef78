package dev.chronoscale.history;

import java.util.List;

/**
 * One user, node or key that differs between two instants: {@code kind} is {@code user}, {@code node},
 * {@code preauthkey} or {@code apikey} (the audit trail's target types), {@code change} is {@code added},
 * {@code removed} or {@code changed}, and {@code fields} says what changed. Secrets never appear; keys by prefix.
 */
public record EntityChange(String kind, long id, String name, String change, List<FieldChange> fields) {

    public EntityChange {
        fields = List.copyOf(fields);
    }

    /** One field's value before and after; {@code null} where the entity did not exist. */
    public record FieldChange(String field, String before, String after) {
    }
}
