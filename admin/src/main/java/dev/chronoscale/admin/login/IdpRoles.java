package dev.chronoscale.admin.login;

import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserRole;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The seam the OIDC login calls after each login: the roles the identity provider gives a user are replaced by what
 * this login's groups map to (recorded only when they changed); the roles an operator set stay.
 */
public final class IdpRoles {

    private final IdpRoleMapping mapping;
    private final UserAdmin users;

    public IdpRoles(IdpRoleMapping mapping, UserAdmin users) {
        this.mapping = mapping;
        this.users = users;
    }

    public Set<UserRole> applyIdpRoles(long userId, Collection<String> groups, AuditContext by) {
        Set<UserRole> roles = mapping.rolesFromGroups(groups);
        users.setRoles(userId, roles, RoleSource.IDP, by);
        return roles;
    }

    public Set<UserRole> applyIdpClaims(long userId, Map<String, ?> claims, AuditContext by) {
        Set<UserRole> roles = mapping.rolesFromClaims(claims);
        users.setRoles(userId, roles, RoleSource.IDP, by);
        return roles;
    }
}
