package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.LoginListener;
import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.domain.audit.AuditContext;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The first step of a login that makes the person a user here (a device's, the web console's): their user is matched
 * or created, and the login listeners are told (the groups from the token, the roles they map to).
 */
final class LoggedInUsers {

    private final ProviderUsers users;
    private final List<LoginListener> listeners = new CopyOnWriteArrayList<>();

    LoggedInUsers(ProviderUsers users) {
        this.users = users;
    }

    void addListener(LoginListener listener) {
        listeners.add(listener);
    }

    long userOf(VerifiedLogin login, AuditContext by) {
        long userId = users.matchOrCreate(login, by);
        for (LoginListener listener : listeners) {
            try {
                listener.loggedIn(userId, login, by);
            } catch (RuntimeException ignored) {
                // A listener's failure (a group sync) must not lock the person out; it reports on its own.
            }
        }
        return userId;
    }
}
