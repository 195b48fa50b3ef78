package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.OperatorRequest;

import java.util.Optional;

/**
 * A browser's session as a credential (the web console's cookie), asked when a request carries no bearer token.
 * It may refuse a request outright (a change without its CSRF token) by throwing the refusal.
 */
@FunctionalInterface
public interface SessionCredential {

    /** The caller the request's session makes, with {@code reason} for the audit record; empty without a valid one. */
    Optional<Principal> login(OperatorRequest request, Optional<String> reason);

    static SessionCredential none() {
        return (request, reason) -> Optional.empty();
    }
}
