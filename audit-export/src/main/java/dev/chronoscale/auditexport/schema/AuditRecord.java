package dev.chronoscale.auditexport.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One entry of the audit trail, derived from one stored event. Its JSON form (see
 * {@link AuditRecordJson} and docs/audit.md) is a stable, documented schema: fields are only ever added.
 * Secrets never appear; keys are named by their prefix.
 *
 * @param id      the event's identifier, also the idempotency key for every sink
 * @param details other facts of the event that did not change a value (for example a new node's addresses)
 */
public record AuditRecord(String id, Instant time, String action, Actor actor, Origin origin, Target target,
                          List<Change> changes, Optional<String> diff, ObjectNode details, Optional<String> reason,
                          Source source) {

    /** Version of the record schema, written as {@code schema}. */
    public static final int SCHEMA_VERSION = 1;

    /** Who did it: {@code type} is one of API_KEY, LOCAL_CLI, OIDC, NODE, SYSTEM (UNKNOWN for events without context). */
    public record Actor(String type, String id) {
    }

    /** Where it came from: {@code via} is cli, api, oidc, node or system; the remote address when known. */
    public record Origin(String via, Optional<String> address) {
    }

    /** What it happened to: {@code type} such as node, user, preauthkey, apikey, policy, tailnet. */
    public record Target(String type, String id, Optional<String> name) {
    }

    /** A value that changed; JSON null stands for "no value". */
    public record Change(String field, JsonNode oldValue, JsonNode newValue) {
    }

    /** The event the record was derived from. */
    public record Source(long globalIndex, String eventType, String aggregateId) {
    }
}
