package dev.chronoscale.gateway.register;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.register.PendingRegistrations.Decision;
import dev.chronoscale.gateway.register.PendingRegistrations.Outcome;
import dev.chronoscale.tailcfg.RegisterRequest;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Registrations without a key, waiting for a person's OIDC login or an administrator: each gets an auth id
 * ({@code hskey-authreq-} and 24 random characters, as Headscale's), the client is sent to
 * {@code <server_url>/register/<auth id>}, and its follow-up request waits for the decision. The logins are rows
 * of the shared database ({@link PendingLoginStore}): whichever instance decides carries the decision out, and the
 * instance the follow-up waits on sees the outcome by polling the row.
 */
public final class InteractiveLogins implements AutoCloseable {

    /** One waiting login: who asked (machine key, from where), what they asked for, and when. */
    public record PendingLogin(String authId, String machineKey, RegisterRequest request, Optional<String> remoteAddress,
                               Instant openedAt) {
    }

    /** Carries out a decision on a login: registers (or re-authenticates) its machine, or says why not. */
    @FunctionalInterface
    public interface Completion {
        Outcome carryOut(PendingLogin login, Decision decision);
    }

    /** A login nobody decided or followed up on within this time is forgotten. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(30);
    /** How often a waiting follow-up looks for a decision made on another instance. */
    static final Duration POLL_INTERVAL = Duration.ofMillis(250);

    static final String AUTH_ID_PREFIX = "hskey-authreq-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private record Waiting(CompletableFuture<Outcome> outcome, Predicate<Outcome> settled) {
    }

    private final PendingLoginStore store;
    private final String serverUrl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("pending-login-poll").daemon().factory());
    private volatile Completion completion = (login, decision) -> {
        throw new IllegalStateException("no registrar carries out logins yet");
    };

    public InteractiveLogins(JdbcTemplate jdbc, String serverUrl, Clock clock) {
        this.store = new PendingLoginStore(jdbc);
        this.clock = clock;
        this.serverUrl = serverUrl.endsWith("/") ? serverUrl.substring(0, serverUrl.length() - 1) : serverUrl;
        poller.scheduleWithFixedDelay(this::poll, POLL_INTERVAL.toMillis(), POLL_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The registrar that carries out decisions; set once when the server is put together. */
    public void completeWith(Completion completion) {
        this.completion = completion;
    }

    /** Opens a login and returns the URL the client shows its user. */
    public String begin(String machineKey, RegisterRequest request, Optional<String> remoteAddress) {
        StringBuilder id = new StringBuilder(AUTH_ID_PREFIX);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        Instant now = clock.instant();
        forgetAbandoned(now);
        store.open(new PendingLogin(id.toString(), machineKey, request, remoteAddress, now));
        return urlFor(id.toString());
    }

    /** Whether {@code authId} names a login still waiting for its decision (on any instance). */
    public boolean isUndecided(String authId) {
        return store.isUndecided(authId);
    }

    /** The login {@code authId} names, decided or not, while it is kept. */
    public Optional<PendingLogin> pending(String authId) {
        return store.find(authId).filter(login -> !isAbandoned(login, clock.instant()));
    }

    /**
     * Carries out the decision at once, on this instance, whether or not the client is still waiting for it. Only one
     * decision is carried out per login, whichever instance it reaches first.
     */
    public Outcome decide(String authId, Decision decision) {
        Optional<PendingLogin> login = pending(authId);
        if (login.isEmpty() || !store.claimDecision(authId, clock.instant())) {
            throw DomainException.notFound("no pending auth session for auth_id " + authId);
        }
        Outcome outcome;
        try {
            outcome = completion.carryOut(login.get(), decision);
        } catch (RuntimeException failure) {
            outcome = new Outcome.NotRegistered(failure.getMessage() == null ? "the login could not be carried out"
                    : failure.getMessage());
        }
        store.recordOutcome(authId, outcome);
        Waiting local = waiting.get(authId);
        if (local != null && local.settled().test(outcome)) {
            waiting.remove(authId);
            local.outcome().complete(outcome);
        }
        return outcome;
    }

    /**
     * The outcome of the login, once it is decided (here or on another instance) and {@code settled} accepts it (the
     * registered node is visible here).
     */
    public CompletableFuture<Outcome> outcome(PendingLogin login, Predicate<Outcome> settled) {
        Waiting mine = waiting.computeIfAbsent(login.authId(), id -> new Waiting(new CompletableFuture<>(), settled));
        poll();
        return mine.outcome();
    }

    /** The follow-up got its answer: the login is done. A decided login stays until then. */
    public void finished(PendingLogin login) {
        waiting.remove(login.authId());
        store.delete(login.authId());
    }

    private void poll() {
        if (waiting.isEmpty()) {
            return;
        }
        try {
            store.outcomes(waiting.keySet()).forEach((authId, outcome) -> {
                Waiting local = waiting.get(authId);
                if (local != null && local.settled().test(outcome)) {
                    waiting.remove(authId);
                    local.outcome().complete(outcome);
                }
            });
        } catch (RuntimeException failure) {
            // The database may be unreachable for a moment; the next poll tries again.
        }
    }

    private void forgetAbandoned(Instant now) {
        for (String authId : store.deleteOpenedBefore(now.minus(ABANDONED_AFTER))) {
            Waiting local = waiting.remove(authId);
            if (local != null) {
                local.outcome().complete(new Outcome.NotRegistered("the login was abandoned: run tailscale up again"));
            }
        }
    }

    private static boolean isAbandoned(PendingLogin login, Instant now) {
        return login.openedAt().plus(ABANDONED_AFTER).isBefore(now);
    }

    public String urlFor(String authId) {
        return serverUrl + "/register/" + authId;
    }

    /** The login a follow-up URL names, if it is still kept and was opened by the same machine. */
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
        return pending(authId).filter(login -> login.machineKey().equals(machineKey));
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
