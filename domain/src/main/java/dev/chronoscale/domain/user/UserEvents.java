package dev.chronoscale.domain.user;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

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

    /**
     * The roles {@code source} gives the user changed: {@code added} and {@code removed} are role names
     * ({@code admin}, {@code network-admin}, {@code auditor}, {@code member}); {@code source} is {@code cli},
     * {@code api} or {@code idp}. Operator-set roles (cli, api) and the identity provider's are two separate sets:
     * the user holds a role while either set has it.
     */
    @Revision("1")
    public record UserRolesChanged(long userId, List<String> added, List<String> removed, String source) implements UserEvent {
        public UserRolesChanged {
            added = added == null ? List.of() : List.copyOf(added);
            removed = removed == null ? List.of() : List.copyOf(removed);
        }
    }

    /**
     * The person's details as their identity provider last gave them: each field holds the new value (null for
     * none), and the event is recorded only when one of them changed.
     */
    @Revision("1")
    public record UserProfileChanged(long userId, String displayName, String email, String profilePicUrl) implements UserEvent {
    }

    /**
     * The user's group memberships at the identity provider changed: {@code groups} is the whole set after the change,
     * {@code added} and {@code removed} the difference from the set before, each with the group names as the provider
     * gives them (Keycloak: full paths such as {@code /ops/oncall}), sorted; {@code source} is {@link GroupSource#text()}
     * of what reported them.
     */
    @Revision("1")
    public record UserGroupsChanged(long userId, String name, java.util.List<String> groups, java.util.List<String> added,
                                    java.util.List<String> removed, String source) implements UserEvent {
        public UserGroupsChanged {
            groups = groups == null ? java.util.List.of() : java.util.List.copyOf(groups);
            added = added == null ? java.util.List.of() : java.util.List.copyOf(added);
            removed = removed == null ? java.util.List.of() : java.util.List.copyOf(removed);
        }
    }
}
