package dev.chronoscale.admin.principal;

import dev.chronoscale.domain.user.UserRole;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a route needs, and which roles have it: the whole permission model in one table. Every route states one
 * ({@code admin.api.PermittedRoute}); docs/identity.md's table says the same.
 */
public enum Permission {
    /** No credential needed: liveness, the version, the login page, the relays' admission check. */
    PUBLIC(EnumSet.allOf(UserRole.class)),
    /** Every list, the history, the audit trail, the access questions, a policy checked without applying it. */
    READ(EnumSet.of(UserRole.ADMIN, UserRole.NETWORK_ADMIN, UserRole.AUDITOR)),
    /**
     * Generating a compliance report: it changes nothing of the tailnet, but is recorded ({@code ReportGenerated},
     * who asked for which report), so an auditor may.
     */
    REPORT(EnumSet.of(UserRole.ADMIN, UserRole.NETWORK_ADMIN, UserRole.AUDITOR)),
    /** Nodes, their routes and tags, registrations, the policy, pre-auth keys. */
    NETWORK_WRITE(EnumSet.of(UserRole.ADMIN, UserRole.NETWORK_ADMIN)),
    /** Users and their roles, API keys, importing a tailnet, rebuilding the projections. */
    ADMIN_WRITE(EnumSet.of(UserRole.ADMIN));

    private final Set<UserRole> roles;

    Permission(Set<UserRole> roles) {
        this.roles = Set.copyOf(roles);
    }

    /** The roles that have this permission; {@link #PUBLIC} needs none at all. */
    public Set<UserRole> roles() {
        return roles;
    }

    public boolean grantedToAnyOf(Set<UserRole> held) {
        return this == PUBLIC || held.stream().anyMatch(roles::contains);
    }
}
