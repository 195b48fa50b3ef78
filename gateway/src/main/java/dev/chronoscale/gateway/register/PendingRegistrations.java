package dev.chronoscale.gateway.register;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.audit.AuditContext;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Interactive logins waiting for a decision: a client that asked to register without a key is given
 * {@code /register/<auth id>} and waits until {@code auth register|approve|reject} (the admin API) or the person's
 * OIDC login decides. The clients' logins are stored ({@link InteractiveLogins}); {@code debug create-node} adds
 * waiters of its own process.
 */
public final class PendingRegistrations {

    /** What an administrator decided for one pending login, and who decided it. */
    public sealed interface Decision {
        AuditContext by();

        record Approved(long userId, AuditContext by) implements Decision {
        }

        /** Approved without naming an owner: valid for a node that already has one (re-authentication). */
        record Confirmed(AuditContext by) implements Decision {
        }

        record Rejected(AuditContext by) implements Decision {
        }

        /**
         * The person logged in through the OIDC provider as {@code userId} ({@code by} names them): the machine is
         * registered with {@code RegisterMethod.OIDC}, and its key expires at {@code expiry} (empty: never).
         */
        record Authenticated(long userId, Optional<Instant> expiry, AuditContext by) implements Decision {
        }
    }

    /** What a decision did: registered a node (Headscale answers with it), or did not, and why. */
    public sealed interface Outcome {
        record Registered(long nodeId) implements Outcome {
        }

        record NotRegistered(String reason) implements Outcome {
        }
    }

    /** Carries out the decision on one auth id (the waiting registration request). */
    @FunctionalInterface
    public interface Waiter {
        Outcome decided(Decision decision);
    }

    private static final String AUTH_ID_PREFIX = "hskey-authreq-";
    private static final Pattern AUTH_ID = Pattern.compile("hskey-authreq-[A-Za-z0-9_-]{24}");
    /** Headscale 0.26's registration ID, what {@code nodes register --key} took then: the same 24 characters, bare. */
    private static final Pattern REGISTRATION_ID = Pattern.compile("[A-Za-z0-9_-]{24}");

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();
    private final InteractiveLogins logins;

    /** Decisions on the clients' logins go to {@code logins}; {@link #await} adds waiters of this process only. */
    public PendingRegistrations(InteractiveLogins logins) {
        this.logins = logins;
    }

    /** A waiter kept in this process's memory ({@code debug create-node}), decided before the stored logins. */
    public void await(String authId, Waiter waiter) {
        waiting.put(authId(authId), waiter);
    }

    public void forget(String authId) {
        waiting.remove(authId);
    }

    public boolean isPending(String authId) {
        return waiting.containsKey(authId) || logins.isUndecided(authId);
    }

    /**
     * The auth id meant by {@code given}: an auth id, or a Headscale 0.26 registration ID (the 24 characters without
     * the prefix), which names the same login. Anything else is refused.
     */
    public static String authId(String given) {
        if (given != null && REGISTRATION_ID.matcher(given).matches()) {
            return AUTH_ID_PREFIX + given;
        }
        return validate(given);
    }

    /** Carries out the decision at once, whether or not the client is still waiting for it. */
    public Outcome decide(String authId, Decision decision) {
        String id = authId(authId);
        Waiter waiter = waiting.remove(id);
        if (waiter != null) {
            return waiter.decided(decision);
        }
        return logins.decide(id, decision);
    }

    private static String validate(String authId) {
        if (authId == null || !AUTH_ID.matcher(authId).matches()) {
            throw DomainException.invalid("invalid auth_id: expected hskey-authreq- followed by 24 characters, "
                    + "or the 24 characters alone");
        }
        return authId;
    }
}
