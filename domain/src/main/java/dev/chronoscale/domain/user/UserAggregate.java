package dev.chronoscale.domain.user;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.domain.user.UserCommands.ChangeUserProfile;
import dev.chronoscale.domain.user.UserCommands.CreateProviderUser;
import dev.chronoscale.domain.user.UserCommands.CreateUser;
import dev.chronoscale.domain.user.UserCommands.DeleteUser;
import dev.chronoscale.domain.user.UserCommands.ImportUser;
import dev.chronoscale.domain.user.UserCommands.RenameUser;
import dev.chronoscale.domain.user.UserCommands.SetUserRoles;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserProfileChanged;
import dev.chronoscale.domain.user.UserCommands.SetUserGroups;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.EnumSet;
import java.util.Set;
import java.util.Objects;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

public class UserAggregate {

    @AggregateIdentifier
    private String id;
    private long userId;
    private String name;
    private final Set<UserRole> operatorRoles = EnumSet.noneOf(UserRole.class);
    private final Set<UserRole> idpRoles = EnumSet.noneOf(UserRole.class);
    private String providerIdentifier;
    private String displayName;
    private String email;
    private String profilePicUrl;
    /** The identity provider's groups as last recorded. */
    private final SortedSet<String> groups = new TreeSet<>();

    protected UserAggregate() {
    }

    @CommandHandler
    public UserAggregate(CreateUser command, UniquenessRegistry claims) {
        String name = UserNames.validate(command.name());
        String picture = ProfilePictures.validate(command.profilePicUrl());
        claims.claim(ClaimKind.USER_NAME, name, command.aggregateId());
        apply(new UserCreated(command.userId(), name, command.displayName(), command.email(), null, null, picture));
    }

    @CommandHandler
    public UserAggregate(ImportUser command, UniquenessRegistry claims) {
        String name = UserNames.validate(command.name());
        String picture = ProfilePictures.validate(command.profilePicUrl());
        claims.claim(ClaimKind.USER_NAME, name, command.aggregateId());
        if (command.providerIdentifier() != null && !command.providerIdentifier().isBlank()) {
            // Two users of the source with one identity cannot both be matched at login; the first keeps it.
            claims.tryClaim(ClaimKind.USER_PROVIDER_IDENTIFIER, command.providerIdentifier(), command.aggregateId());
        }
        apply(new UserCreated(command.userId(), name, command.displayName(), command.email(),
                command.providerIdentifier(), command.createdAt(), picture));
    }

    @CommandHandler
    public UserAggregate(CreateProviderUser command, UniquenessRegistry claims) {
        String name = UserNames.validate(command.name());
        if (command.providerIdentifier() == null || command.providerIdentifier().isBlank()) {
            throw DomainException.invalid("a user from an identity provider needs its provider identifier");
        }
        String picture = ProfilePictures.validate(command.profilePicUrl());
        claims.claim(ClaimKind.USER_PROVIDER_IDENTIFIER, command.providerIdentifier(), command.aggregateId());
        claims.claim(ClaimKind.USER_NAME, name, command.aggregateId());
        apply(new UserCreated(command.userId(), name, command.displayName(), command.email(),
                command.providerIdentifier(), null, picture));
    }

    @CommandHandler
    public void handle(ChangeUserProfile command) {
        String picture = ProfilePictures.validate(command.profilePicUrl());
        if (Objects.equals(displayName, command.displayName()) && Objects.equals(email, command.email())
                && Objects.equals(profilePicUrl, picture)) {
            return;
        }
        apply(new UserProfileChanged(userId, command.displayName(), command.email(), picture));
    }

    @CommandHandler
    public void handle(RenameUser command, UniquenessRegistry claims) {
        String newName = UserNames.validate(command.newName());
        if (newName.equals(name)) {
            return;
        }
        claims.claim(ClaimKind.USER_NAME, newName, id);
        claims.release(ClaimKind.USER_NAME, name, id);
        apply(new UserRenamed(userId, name, newName));
    }

    /** Idempotent: the same set again, from any source, records nothing. */
    @CommandHandler
    public void handle(SetUserGroups command) {
        SortedSet<String> current = IdpGroupNames.validate(command.groups());
        if (command.source() == null) {
            throw DomainException.invalid("the source of the groups is required");
        }
        List<String> added = current.stream().filter(g -> !groups.contains(g)).toList();
        List<String> removed = groups.stream().filter(g -> !current.contains(g)).toList();
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        apply(new UserGroupsChanged(userId, name, List.copyOf(current), added, removed, command.source().text()));
    }

    @CommandHandler
    public void handle(DeleteUser command, NodeOwnership ownership, UniquenessRegistry claims) {
        long nodes = ownership.nodesOwnedBy(userId);
        if (nodes > 0 && !command.force()) {
            throw DomainException.conflict("user '" + name + "' still owns " + nodes
                    + " node(s); delete or move them first, or delete them with the user");
        }
        claims.release(ClaimKind.USER_NAME, name, id);
        if (providerIdentifier != null) {
            claims.release(ClaimKind.USER_PROVIDER_IDENTIFIER, providerIdentifier, id);
        }
        apply(new UserDeleted(userId, name, command.force()));
    }

    /** Nothing happens when the source already gives exactly these roles, as at most logins. */
    @CommandHandler
    public void handle(SetUserRoles command) {
        Set<UserRole> current = command.source().isOperator() ? operatorRoles : idpRoles;
        Set<UserRole> added = EnumSet.noneOf(UserRole.class);
        added.addAll(command.roles());
        added.removeAll(current);
        Set<UserRole> removed = EnumSet.noneOf(UserRole.class);
        removed.addAll(current);
        removed.removeAll(command.roles());
        if (added.isEmpty() && removed.isEmpty()) {
            return;
        }
        apply(new UserRolesChanged(userId, UserRole.wireNames(added), UserRole.wireNames(removed), command.source().wireName()));
    }

    @EventSourcingHandler
    void on(UserCreated event) {
        id = UserCommands.aggregateId(event.userId());
        userId = event.userId();
        name = event.name();
        providerIdentifier = event.providerIdentifier();
        displayName = event.displayName();
        email = event.email();
        profilePicUrl = event.profilePicUrl();
    }

    @EventSourcingHandler
    void on(UserProfileChanged event) {
        displayName = event.displayName();
        email = event.email();
        profilePicUrl = event.profilePicUrl();
    }

    @EventSourcingHandler
    void on(UserRenamed event) {
        name = event.newName();
    }

    @EventSourcingHandler
    void on(UserRolesChanged event) {
        Set<UserRole> roles = RoleSource.parse(event.source()).isOperator() ? operatorRoles : idpRoles;
        roles.addAll(UserRole.parseAll(event.added()));
        UserRole.parseAll(event.removed()).forEach(roles::remove);
    }

    @EventSourcingHandler
    void on(UserGroupsChanged event) {
        groups.clear();
        groups.addAll(event.groups());
    }

    @EventSourcingHandler
    void on(UserDeleted event) {
        markDeleted();
    }
}
