package dev.chronoscale.domain.user;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.Set;

/** Commands on users. User ids are allocated by the caller before the create command is sent. */
public final class UserCommands {
    private UserCommands() {
    }

    public static String aggregateId(long userId) {
        return "user:" + userId;
    }

    /** {@code profilePicUrl}: the URL of the user's picture (http or https), null for none. */
    public record CreateUser(long userId, String name, String displayName, String email, String profilePicUrl) {
        public CreateUser(long userId, String name, String displayName, String email) {
            this(userId, name, displayName, email, null);
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /** A user carried over from another server's database, with the identity and creation time it had there. */
    public record ImportUser(long userId, String name, String displayName, String email, String providerIdentifier,
                             Instant createdAt, String profilePicUrl) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /**
     * A person's first login through an OIDC provider: the user is known from now on by {@code providerIdentifier}
     * (issuer and subject, Headscale's form), which no other user may hold.
     */
    public record CreateProviderUser(long userId, String name, String displayName, String email, String providerIdentifier,
                                     String profilePicUrl) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /** The details a later login's token gives; nothing is recorded when they are what the user already has. */
    public record ChangeUserProfile(long userId, String displayName, String email, String profilePicUrl) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    public record RenameUser(long userId, String newName) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /**
     * The user's whole current group set at the identity provider, as {@code source} reports it (the Keycloak sync,
     * or a login's {@code groups} claim). Only a difference from the set recorded is an event.
     */
    public record SetUserGroups(long userId, java.util.Collection<String> groups, GroupSource source) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /** Deleting a user who still owns nodes is refused unless {@code force} is set. */
    public record DeleteUser(long userId, boolean force) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }

    /** The roles {@code source} gives the user become exactly {@code roles}; the other source's stay. */
    public record SetUserRoles(long userId, Set<UserRole> roles, RoleSource source) {
        public SetUserRoles {
            roles = Set.copyOf(roles);
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return UserCommands.aggregateId(userId);
        }
    }
}
