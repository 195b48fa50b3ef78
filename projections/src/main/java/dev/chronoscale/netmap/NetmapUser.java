package dev.chronoscale.netmap;

import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserRole;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A user as netmaps show it (Tailscale's UserProfile); {@code profilePicUrl} is null when the user has no picture.
 * The roles (set by an operator, and from the identity provider) are not shown to clients: the policy's role
 * autogroups resolve from them. {@code idpGroups} are the user's groups at the identity provider (sorted), which
 * policy groups can name; clients are not shown them either.
 */
public record NetmapUser(long id, String name, String displayName, String email, String profilePicUrl,
                         Set<UserRole> operatorRoles, Set<UserRole> idpRoles, List<String> idpGroups) {

    public NetmapUser {
        operatorRoles = operatorRoles == null ? Set.of() : Set.copyOf(operatorRoles);
        idpRoles = idpRoles == null ? Set.of() : Set.copyOf(idpRoles);
        idpGroups = idpGroups == null ? List.of() : List.copyOf(idpGroups);
    }

    public NetmapUser(long id, String name, String displayName, String email, String profilePicUrl) {
        this(id, name, displayName, email, profilePicUrl, Set.of(), Set.of(), List.of());
    }

    public NetmapUser(long id, String name, String displayName, String email) {
        this(id, name, displayName, email, null);
    }

    public NetmapUser withName(String newName) {
        return new NetmapUser(id, newName, displayName, email, profilePicUrl, operatorRoles, idpRoles, idpGroups);
    }

    /** The person's details as the identity provider last gave them; the roles stay. */
    public NetmapUser withProfile(String newDisplayName, String newEmail, String newProfilePicUrl) {
        return new NetmapUser(id, name, newDisplayName, newEmail, newProfilePicUrl, operatorRoles, idpRoles, idpGroups);
    }

    /** The roles {@code source} gives, with {@code added} and without {@code removed}. */
    public NetmapUser withRolesChanged(RoleSource source, Collection<UserRole> added, Collection<UserRole> removed) {
        Set<UserRole> changed = EnumSet.noneOf(UserRole.class);
        changed.addAll(source.isOperator() ? operatorRoles : idpRoles);
        changed.addAll(added);
        changed.removeAll(removed);
        return source.isOperator()
                ? new NetmapUser(id, name, displayName, email, profilePicUrl, changed, idpRoles, idpGroups)
                : new NetmapUser(id, name, displayName, email, profilePicUrl, operatorRoles, changed, idpGroups);
    }

    /** The roles the user holds, from either source. */
    public Set<UserRole> roles() {
        Set<UserRole> roles = EnumSet.noneOf(UserRole.class);
        roles.addAll(operatorRoles);
        roles.addAll(idpRoles);
        return roles;
    }

    /** What clients show as the user's login: the e-mail address when known, else the name. */
    public String loginName() {
        return email == null || email.isBlank() ? name : email;
    }

    public String shownName() {
        return displayName == null || displayName.isBlank() ? name : displayName;
    }

    public NetmapUser withIdpGroups(List<String> groups) {
        return new NetmapUser(id, name, displayName, email, profilePicUrl, operatorRoles, idpRoles, groups);
    }
}
