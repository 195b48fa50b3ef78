package dev.chronoscale.domain.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who caused a change, from where and why. Travels as command metadata and is copied onto every
 * event the command produces, so each event in the store answers those questions on its own.
 * The event's timestamp is the "when".
 */
public record AuditContext(ActorType actorType, String actorId, Optional<String> remoteAddress, Optional<String> reason) {

    public static final String ACTOR_TYPE = "actorType";
    public static final String ACTOR_ID = "actorId";
    public static final String REMOTE_ADDRESS = "remoteAddress";
    public static final String REASON = "reason";

    public AuditContext {
        Objects.requireNonNull(actorType, "actorType");
        Objects.requireNonNull(actorId, "actorId");
        Objects.requireNonNull(remoteAddress, "remoteAddress");
        Objects.requireNonNull(reason, "reason");
        reason = reason.filter(r -> !r.isBlank());
    }

    public static AuditContext system(String reason) {
        return new AuditContext(ActorType.SYSTEM, "chronoscale", Optional.empty(), Optional.of(reason));
    }

    public AuditContext withReason(String newReason) {
        return new AuditContext(actorType, actorId, remoteAddress, Optional.ofNullable(newReason));
    }

    /** The metadata entries that carry this context on commands and events. */
    public Map<String, String> toMetadata() {
        Map<String, String> entries = new HashMap<>();
        entries.put(ACTOR_TYPE, actorType.name());
        entries.put(ACTOR_ID, actorId);
        remoteAddress.ifPresent(a -> entries.put(REMOTE_ADDRESS, a));
        reason.ifPresent(r -> entries.put(REASON, r));
        return entries;
    }

    /** Reads the context back from metadata; empty when the actor is missing. */
    public static Optional<AuditContext> fromMetadata(Map<String, ?> metadata) {
        Object type = metadata.get(ACTOR_TYPE);
        Object id = metadata.get(ACTOR_ID);
        if (type == null || id == null) {
            return Optional.empty();
        }
        return Optional.of(new AuditContext(
                ActorType.valueOf(type.toString()),
                id.toString(),
                Optional.ofNullable(metadata.get(REMOTE_ADDRESS)).map(Object::toString),
                Optional.ofNullable(metadata.get(REASON)).map(Object::toString)));
    }
}
