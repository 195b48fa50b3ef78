package dev.chronoscale.eventlog;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * An event whose type this build does not know (written by a newer version sharing the database, or an
 * event type since retired): its stored type name, revision and JSON, so readers can still account for it.
 */
public record UnknownEvent(String type, String revision, JsonNode data) {

    /** {@code NodeSessionStarted} for {@code dev.chronoscale.domain.node.NodeEvents$NodeSessionStarted}. */
    public String simpleName() {
        int cut = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
        return type.substring(cut + 1);
    }
}
