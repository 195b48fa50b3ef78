package dev.chronoscale.gateway.register;

import dev.chronoscale.gateway.register.PendingRegistrations;
import dev.chronoscale.gateway.register.PendingRegistrations.Decision;
import dev.chronoscale.tailcfg.RegisterRequest;
import dev.chronoscale.tailcfg.RegisterResponse;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Registrations without a key, waiting for an administrator: each gets an auth id
 * ({@code hskey-authreq-} and 24 random characters, as Headscale's), the client is sent to
 * {@code <server_url>/register/<auth id>}, and its follow-up request waits for the decision made
 * through {@link PendingRegistrations}.
 */
public final class InteractiveLogins {

    /** One waiting login: who asked (machine key), what they asked for, when, and the answer once decided. */
    public record PendingLogin(String authId, String machineKey, RegisterRequest request,
                               CompletableFuture<RegisterResponse> response, Instant openedAt) {
    }

    /** A decision carried out: what the client's follow-up is answered, and what the administrator is told. */
    public record Decided(RegisterResponse response, PendingRegistrations.Outcome outcome) {
    }

    /** A login nobody decided or followed up on within this time is forgotten. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);

    static final String AUTH_ID_PREFIX = "hskey-authreq-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private final PendingRegistrations pending;
    private final String serverUrl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, PendingLogin> logins = new ConcurrentHashMap<>();

    private final Clock clock;

    public InteractiveLogins(PendingRegistrations pending, String serverUrl, Clock clock) {
        this.pending = pending;
        this.clock = clock;
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
    }

    /**
     * Opens a login and returns the URL the client shows its user. The decision is carried out by {@code carryOut}
     * when it is made, so the node exists (as Headscale's does) before the client's follow-up asks.
     */
    public String begin(String machineKey, RegisterRequest request, Function<Decision, Decided> carryOut) {
        StringBuilder id = new StringBuilder(AUTH_ID_PREFIX);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        String authId = id.toString();
        Instant now = clock.instant();
        forgetAbandoned(now);
        PendingLogin login = new PendingLogin(authId, machineKey, request, new CompletableFuture<>(), now);
        logins.put(authId, login);
        pending.await(authId, decision -> {
            Decided decided = carryOut.apply(decision);
            login.response().complete(decided.response());
            return decided.outcome();
        });
        return urlFor(authId);
    }

    /**
     * The follow-up got its answer. A decided login stays until then: the administrator may decide
     * before the client's follow-up arrives.
     */
    public void finished(PendingLogin login) {
        logins.remove(login.authId());
    }

    private void forgetAbandoned(Instant now) {
        logins.values().removeIf(login -> {
            boolean abandoned = login.openedAt().plus(ABANDONED_AFTER).isBefore(now);
            if (abandoned) {
                pending.forget(login.authId());
            }
            return abandoned;
        });
    }

    public String urlFor(String authId) {
        return serverUrl + "/register/" + authId;
    }

    /** The login a follow-up URL names, if it is still waiting and was opened by the same machine. */
    public Optional<PendingLogin> find(String followupUrl, String machineKey) {
        String path;
        try {
            path = URI.create(followupUrl).getPath();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (path == null || !path.contains("/register/")) {
            return Optional.empty();
        }
        String authId = path.substring(path.lastIndexOf('/') + 1);
        return Optional.ofNullable(logins.get(authId)).filter(login -> login.machineKey().equals(machineKey));
    }
}
