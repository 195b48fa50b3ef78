package dev.chronoscale.admin.console;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.domain.user.UserRole;

import java.time.Instant;
import java.util.Set;

/**
 * A console session as the server keeps it (the browser's token is not part of it, only its hash is stored):
 * who it acts as ({@code identity}, as the key or the person would be in every event), the name shown, the roles,
 * and the CSRF token every change through it must carry.
 */
public record ConsoleSession(LoginMethod method, Identity identity, String user, Set<UserRole> roles, String csrfToken,
                             Instant createdAt, Instant lastUsedAt) {

    public ConsoleSession {
        roles = Set.copyOf(roles);
        if (!(identity instanceof Identity.ApiKey || identity instanceof Identity.OidcUser)) {
            throw new IllegalArgumentException("a console session is an API key's or a person's, not " + identity);
        }
    }

    /** When it ends if not used again: the idle timeout after its last use, and never past its lifetime. */
    public Instant expiresAt(ConsoleSettings settings) {
        Instant idle = lastUsedAt.plus(settings.idleTimeout());
        Instant absolute = createdAt.plus(settings.lifetime());
        return idle.isBefore(absolute) ? idle : absolute;
    }

    /** Without the CSRF token, which is a secret of the session's pages. */
    @Override
    public String toString() {
        return "ConsoleSession[method=" + method + ", identity=" + identity + ", user=" + user + ", roles=" + roles
                + ", createdAt=" + createdAt + ", lastUsedAt=" + lastUsedAt + "]";
    }

    public ConsoleSession usedAt(Instant at) {
        return new ConsoleSession(method, identity, user, roles, csrfToken, createdAt, at);
    }
}
