package dev.chronoscale.admin.login;

import dev.chronoscale.domain.audit.AuditContext;

/**
 * Told of every successful OIDC login once its user is matched or created, before the person's device is
 * registered: the place for what follows from the token (the groups it names, the roles they map to). {@code by} is
 * the person, for the events the listener causes. A listener that throws does not stop the login.
 */
@FunctionalInterface
public interface LoginListener {
    void loggedIn(long userId, VerifiedLogin login, AuditContext by);
}
