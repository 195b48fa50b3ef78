package dev.chronoscale.admin.principal;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.http.ErrorReplies;

import java.util.Optional;
import java.util.Set;

/**
 * The caller of one request, decided once at login: who it is, from where, why (the free-text
 * reason it gave), and which roles it holds. Routes ask this, never the raw credential.
 */
public record Principal(Identity identity, Optional<String> remoteAddress, Optional<String> reason, Set<UserRole> roles) {

    public Principal {
        roles = Set.copyOf(roles);
        if (identity instanceof Identity.Anonymous && !roles.isEmpty()) {
            throw new IllegalArgumentException("an anonymous caller holds no role");
        }
    }

    public static Principal anonymous(Optional<String> remoteAddress) {
        return new Principal(new Identity.Anonymous(), remoteAddress, Optional.empty(), Set.of());
    }

    /**
     * A person who logged in through OIDC to register their own device. Such a login holds no role of the admin API:
     * the principal names the person as the actor of what their login does.
     */
    public static Principal person(Identity.OidcUser person, Optional<String> remoteAddress) {
        return new Principal(person, remoteAddress, Optional.empty(), Set.of());
    }

    public boolean may(Permission permission) {
        return permission.grantedToAnyOf(roles);
    }

    /** Refuses an anonymous caller as unauthenticated (401) and a logged-in one without the permission as forbidden (403). */
    public void require(Permission permission) {
        if (may(permission)) {
            return;
        }
        requireLoggedIn();
        throw new DomainException(DomainException.Kind.FORBIDDEN, "this needs the " + permission.name().toLowerCase()
                + " permission, which " + String.join(", ", UserRole.wireNames(permission.roles())) + " have; this caller has "
                + (roles.isEmpty() ? "no role" : String.join(", ", UserRole.wireNames(roles))));
    }

    /** Refuses an anonymous caller as unauthenticated (401). */
    public void requireLoggedIn() {
        if (identity instanceof Identity.Anonymous) {
            throw new ErrorReplies.UnauthorizedException("no valid credential");
        }
    }

    /** Who did it, from where and why, as the commands carry it. */
    public AuditContext auditContext() {
        return switch (identity) {
            case Identity.ApiKey key -> withReason(new AuditContext(ActorType.API_KEY, key.prefix(), remoteAddress, Optional.empty()));
            case Identity.LocalCliUser user -> withReason(new AuditContext(ActorType.LOCAL_CLI, user.name(), Optional.empty(), Optional.empty()));
            case Identity.OidcUser person -> withReason(new AuditContext(ActorType.OIDC, person.subject(), remoteAddress, Optional.empty()));
            // An anonymous caller's reason is not recorded: nothing vouches for it.
            case Identity.Anonymous anonymous -> new AuditContext(ActorType.SYSTEM, "anonymous", remoteAddress, Optional.empty());
        };
    }

    private AuditContext withReason(AuditContext context) {
        return reason.map(context::withReason).orElse(context);
    }
}
