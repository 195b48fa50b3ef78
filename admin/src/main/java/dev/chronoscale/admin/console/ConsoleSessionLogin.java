package dev.chronoscale.admin.console;

import dev.chronoscale.admin.login.SessionCredential;
import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.OperatorRequest;
import dev.chronoscale.inventory.InventoryQueries;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Optional;

/**
 * The console's cookie as a credential on every path of the public port. A change through a session (any method but
 * GET and HEAD) must carry the session's CSRF token in {@code X-CSRF-Token}, and may not come from another origin:
 * the cookie alone proves only that the browser holds it, not that the console's own page sent the request.
 * A session opened with an API key lasts only as long as the key: an expired or deleted key ends it.
 */
public final class ConsoleSessionLogin implements SessionCredential {

    public static final String CSRF_HEADER = "X-CSRF-Token";

    private final ConsoleSessions sessions;
    private final InventoryQueries inventory;
    private final Clock clock;

    public ConsoleSessionLogin(ConsoleSessions sessions, InventoryQueries inventory, Clock clock) {
        this.sessions = sessions;
        this.inventory = inventory;
        this.clock = clock;
    }

    @Override
    public Optional<Principal> login(OperatorRequest request, Optional<String> reason) {
        Optional<ConsoleSession> session = session(request);
        if (session.isEmpty()) {
            return Optional.empty();
        }
        if (isChange(request.method()) && !isLogin(request)) {
            requireSameOrigin(request.header(HttpHeaderNames.ORIGIN), request.header(HttpHeaderNames.HOST), sessions.settings());
            String expected = session.get().csrfToken();
            boolean matches = request.header(CSRF_HEADER).map(sent -> MessageDigest.isEqual(
                    sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))).orElse(false);
            if (!matches) {
                throw new DomainException(DomainException.Kind.FORBIDDEN, "missing or wrong CSRF token");
            }
        }
        return Optional.of(new Principal(session.get().identity(), request.remoteAddress(), reason, session.get().roles()));
    }

    private Optional<ConsoleSession> session(OperatorRequest request) {
        return live(Optional.ofNullable(request.cookies().get(ConsoleCookie.NAME)));
    }

    /** The live session of a cookie's token, its use noted; an API key's session lives only while its key does. */
    Optional<ConsoleSession> live(Optional<String> token) {
        return token.filter(t -> !t.isEmpty()).flatMap(sessions::use).filter(this::credentialStillValid);
    }

    private boolean credentialStillValid(ConsoleSession session) {
        if (session.identity() instanceof Identity.ApiKey key) {
            return inventory.apiKeyByPrefix(key.prefix()).filter(k -> !k.isExpired(clock.instant())).isPresent();
        }
        return true;
    }

    /**
     * A browser's request from a page of another origin; none at all is a tool's, or a same-origin GET's. The page's
     * own origin is {@code server_url}'s, or the address the browser used to reach this server (its {@code Host}):
     * the console opened as {@code http://localhost:8080} while {@code server_url} names {@code 127.0.0.1} is still
     * the same page, while another site's page never sends this server's host as its origin.
     */
    static void requireSameOrigin(Optional<String> origin, Optional<String> host, ConsoleSettings settings) {
        if (origin.isEmpty() || origin.get().equalsIgnoreCase(settings.origin())) {
            return;
        }
        String sent = origin.get();
        String authority = sent.replaceFirst("^(?i)https?://", "");
        boolean sameHost = !authority.equals(sent) && host.filter(authority::equalsIgnoreCase).isPresent();
        if (!sameHost) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "a change through a console session must come "
                    + "from this server's origin " + settings.origin() + " or the address it was reached at, not " + sent);
        }
    }

    private static boolean isChange(HttpMethod method) {
        return !method.equals(HttpMethod.GET) && !method.equals(HttpMethod.HEAD);
    }

    /** Logging in again while an old cookie is still there needs no token: the login itself proves the caller. */
    private static boolean isLogin(OperatorRequest request) {
        return request.method().equals(HttpMethod.POST) && request.path().equals(ConsoleSessionRoutes.SESSION_PATH);
    }
}
