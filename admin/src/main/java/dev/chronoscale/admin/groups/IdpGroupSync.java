package dev.chronoscale.admin.groups;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.GroupSource;
import dev.chronoscale.domain.user.IdpGroupNames;
import dev.chronoscale.domain.user.UserCommands.SetUserGroups;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Sets users' identity provider groups: from a directory (the Keycloak sync: at start, on the interval, on demand), or
 * from the {@code groups} claim of a login ({@link #applyClaimGroups}). Each user whose set differs gets one
 * {@code UserGroupsChanged} event; a user whose set is current gets none.
 */
public final class IdpGroupSync {

    private final Optional<GroupDirectory> directory;
    private final AuditedCommandSender commands;
    private final InventoryQueries inventory;

    /** @param directory empty when no group source is configured ({@code oidc.groups.source}): only claims then */
    public IdpGroupSync(Optional<GroupDirectory> directory, AuditedCommandSender commands, InventoryQueries inventory) {
        this.directory = directory;
        this.commands = commands;
        this.inventory = inventory;
    }

    public boolean hasDirectory() {
        return directory.isPresent();
    }

    /**
     * Reads every membership from the directory, then sets each linked user's groups: a linked user the directory does
     * not list (left every group, or deleted there) is in no group. A directory that cannot be read changes nothing.
     *
     * @throws GroupDirectoryUnavailableException when the directory cannot be read
     */
    public GroupSyncResult sync(AuditContext audit) {
        GroupDirectory source = directory.orElseThrow(() -> DomainException.invalid(
                "no group source is configured: set oidc.groups.source to keycloak, with oidc.groups.keycloak.*"));
        Map<String, SortedSet<String>> bySubject = source.groupsBySubject();
        String prefix = source.issuer() + "/";
        List<UserView> linked = inventory.usersOfProvider(prefix);
        List<UserGroupChange> changes = new ArrayList<>();
        for (UserView user : linked) {
            String subject = user.providerIdentifier().substring(prefix.length());
            set(user, bySubject.getOrDefault(subject, new TreeSet<>()), GroupSource.KEYCLOAK, audit).ifPresent(changes::add);
        }
        return new GroupSyncResult(source.issuer(), linked.size(), changes);
    }

    /**
     * The seam for the OIDC login: after each login, the token's {@code groups} claim as the user's whole group set
     * (source {@code oidc-claim}). Returns what changed, empty when the set was current.
     */
    public Optional<UserGroupChange> applyClaimGroups(long userId, Collection<String> groups, AuditContext audit) {
        UserView user = inventory.user(userId).orElseThrow(() -> DomainException.notFound("user " + userId + " not found"));
        return set(user, IdpGroupNames.validate(groups), GroupSource.OIDC_CLAIM, audit);
    }

    private Optional<UserGroupChange> set(UserView user, SortedSet<String> groups, GroupSource source, AuditContext audit) {
        SortedSet<String> current = new TreeSet<>(user.idpGroups());
        if (current.equals(groups)) {
            return Optional.empty();
        }
        commands.send(new SetUserGroups(user.id(), groups, source), audit, "user " + user.id());
        return Optional.of(new UserGroupChange(user.id(), user.name(),
                groups.stream().filter(g -> !current.contains(g)).toList(),
                current.stream().filter(g -> !groups.contains(g)).toList()));
    }
}
