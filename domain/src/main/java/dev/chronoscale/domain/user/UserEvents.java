package dev.chronoscale.domain.user;

import org.axonframework.serialization.Revision;

/** What happened to users. Field names are part of the stored event format: change them only with an upcaster. */
public final class UserEvents {
    private UserEvents() {
    }

    @Revision("1")
    public record UserCreated(long userId, String name, String displayName, String email) implements UserEvent {
    }

    @Revision("1")
    public record UserRenamed(long userId, String oldName, String newName) implements UserEvent {
    }

    /** {@code forced} records that the administrator overrode the "still owns nodes" rule. */
    @Revision("1")
    public record UserDeleted(long userId, String name, boolean forced) implements UserEvent {
    }
}
