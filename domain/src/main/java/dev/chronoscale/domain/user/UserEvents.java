package dev.chronoscale.domain.user;

/** What happened to users. Field names are part of the stored event format: change them only with an upcaster. */
public final class UserEvents {
    private UserEvents() {
    }

    public record UserCreated(long userId, String name, String displayName, String email) {
    }

    public record UserRenamed(long userId, String oldName, String newName) {
    }

    /** {@code forced} records that the administrator overrode the "still owns nodes" rule. */
    public record UserDeleted(long userId, String name, boolean forced) {
    }
}
