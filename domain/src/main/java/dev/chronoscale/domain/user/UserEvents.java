package dev.chronoscale.domain.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What happened to users. Field names are part of the stored event format: change them only with an upcaster. */
public final class UserEvents {
    private UserEvents() {
    }

    /**
     * Revision 2 added three fields that may be absent: two set only for users imported from another server, the
     * identity the source's OIDC provider gave the user ({@code providerIdentifier}, Headscale's
     * {@code provider_identifier}) and when the source created the user ({@code createdAt}; null means at this event's
     * time); and the URL of the user's picture ({@code profilePicUrl}, Headscale's {@code users create -p}), null for none.
     */
    @Revision("2")
    public record UserCreated(long userId, String name, String displayName, String email, String providerIdentifier,
                              Instant createdAt, String profilePicUrl) implements UserEvent {
        public UserCreated(long userId, String name, String displayName, String email) {
            this(userId, name, displayName, email, null, null, null);
        }
    }

    @Revision("1")
    public record UserRenamed(long userId, String oldName, String newName) implements UserEvent {
    }

    /** {@code forced} records that the administrator overrode the "still owns nodes" rule. */
    @Revision("1")
    public record UserDeleted(long userId, String name, boolean forced) implements UserEvent {
    }
}
