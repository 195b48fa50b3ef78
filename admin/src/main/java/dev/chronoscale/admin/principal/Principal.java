package dev.chronoscale.admin.principal;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.http.ErrorReplies;

import java.util.Optional;
import java.util.Set;

/**
 * The caller of one request, decided once at login: who it is, from where, why (the free-text
 * reason it gave), and what it may do. Routes ask this, never the raw credential.
 */
public record Principal(Identity identity, Optional<String> remoteAddress, Optional<String> reason, Set<Role> roles) {

    public Principal {
        roles = Set.copyOf(roles);
    }

    /** Until roles come with the identity, every logged-in identity may do everything; anonymous nothing. */
    public static Principal of(Identity identity, Optional<String> remoteAddress, Optional<String> reason) {
        Set<Role> roles = identity instanceof Identity.Anonymous ? Set.of() : Set.of(Role.ADMIN);
        return new Principal(identity, remoteAddress, reason, roles);
    }

    public boolean may(Role role) {
        return roles.contains(role);
    }

    /** Refuses an anonymous caller as unauthenticated (401) and a logged-in one without the role as forbidden (403). */
    public void require(Role role) {
        if (may(role)) {
            return;
        }
        if (identity instanceof Identity.Anonymous) {
            throw new ErrorReplies.UnauthorizedException("no valid credential");
        }
        throw new DomainException(DomainException.Kind.FORBIDDEN, "this needs the " + role.name().toLowerCase() + " role");
    }

    /** Who did it, from where and why, as the commands carry it. */
    public AuditContext auditContext() {
        return switch (identity) {
            case Identity.ApiKey key -> withReason(new AuditContext(ActorType.API_KEY, key.prefix(), remoteAddress, Optional.empty()));
            case Identity.LocalCliUser user -> withReason(new AuditContext(ActorType.LOCAL_CLI, user.name(), Optional.empty(), Optional.empty()));
            // An anonymous caller's reason is not recorded: nothing vouches for it.
            case Identity.Anonymous anonymous -> new AuditContext(ActorType.SYSTEM, "anonymous", remoteAddress, Optional.empty());
        };
    }

    private AuditContext withReason(AuditContext context) {
        return reason.map(context::withReason).orElse(context);
    }
}
