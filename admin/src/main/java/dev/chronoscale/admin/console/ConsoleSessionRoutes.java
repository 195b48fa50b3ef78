package dev.chronoscale.admin.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.login.ApiKeyLogin;
import dev.chronoscale.admin.login.ProviderReauthentication;
import dev.chronoscale.admin.login.oidc.LoginRefusal;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The console's login and session: {@code POST /console/session} with an API key, {@code GET /console/login/oidc}
 * through the identity provider, {@code GET} and {@code DELETE /console/session} for the browser's own session, and
 * {@code GET /console/login/methods} for the login page. Opening and ending a session is written to the server's log
 * (who, how, from where; never the token): a session changes nothing of the tailnet, and what is done through it is
 * recorded as the key's or the person's own events.
 */
final class ConsoleSessionRoutes {

    static final String SESSION_PATH = "/console/session";
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleSessionRoutes.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final ConsoleSessions sessions;
    private final ConsoleSessionLogin cookies;
    private final ApiKeyLogin apiKeys;
    private final Optional<ConsoleOidcLogin> oidc;

    ConsoleSessionRoutes(ConsoleSessions sessions, ConsoleSessionLogin cookies, ApiKeyLogin apiKeys,
                         Optional<ConsoleOidcLogin> oidc) {
        this.sessions = sessions;
        this.cookies = cookies;
        this.apiKeys = apiKeys;
        this.oidc = oidc;
    }

    List<HttpRoute<Principal>> routes() {
        return List.of(
                new HttpRoute<>(HttpMethod.POST, SESSION_PATH, "Console: log in with an API key (body: apiKey)", this::logIn),
                new HttpRoute<>(HttpMethod.GET, SESSION_PATH, "Console: the browser's session", this::show),
                new HttpRoute<>(HttpMethod.DELETE, SESSION_PATH, "Console: log out (needs X-CSRF-Token)", this::logOut),
                new HttpRoute<>(HttpMethod.GET, "/console/login/methods", "Console: which logins this server offers", this::methods),
                new HttpRoute<>(HttpMethod.GET, "/console/login/oidc", "Console: log in through the OIDC provider (query: next)",
                        this::logInThroughProvider));
    }

    private HttpReply logIn(HttpRequestContext request, Principal caller) {
        ConsoleSessionLogin.requireSameOrigin(request.header(HttpHeaderNames.ORIGIN), request.header(HttpHeaderNames.HOST),
                sessions.settings());
        ApiKeyLogin.LoggedIn key = apiKeys.login(apiKey(request)).orElseThrow(() -> {
            LOG.info("console login refused from {}: not a valid API key", caller.remoteAddress().orElse("unknown"));
            return new ErrorReplies.UnauthorizedException("not a valid API key");
        });
        request.cookie(ConsoleCookie.NAME).ifPresent(sessions::end);
        ConsoleSessions.Opened opened = sessions.open(LoginMethod.APIKEY, key.identity(),
                "API key " + key.identity().prefix(), key.roles());
        LOG.info("console session opened with API key {} (roles {}) from {}", key.identity().prefix(),
                opened.session().roles(), caller.remoteAddress().orElse("unknown"));
        return json(HttpResponseStatus.OK, body(opened.session()),
                Map.of("Set-Cookie", List.of(ConsoleCookie.carrying(opened.token(), sessions.settings()))));
    }

    private HttpReply show(HttpRequestContext request, Principal caller) {
        return json(HttpResponseStatus.OK, body(live(request)), Map.of());
    }

    private HttpReply logOut(HttpRequestContext request, Principal caller) {
        ConsoleSession session = live(request);
        // Checked here too: a request that also carries a bearer token was logged in by it, not by the cookie.
        boolean tokenMatches = request.header(ConsoleSessionLogin.CSRF_HEADER).map(sent -> MessageDigest.isEqual(
                sent.getBytes(StandardCharsets.UTF_8), session.csrfToken().getBytes(StandardCharsets.UTF_8))).orElse(false);
        if (!tokenMatches) {
            throw new DomainException(DomainException.Kind.FORBIDDEN, "missing or wrong CSRF token");
        }
        sessions.end(request.cookie(ConsoleCookie.NAME).orElseThrow());
        LOG.info("console session of {} ended by logout from {}", session.identity(), caller.remoteAddress().orElse("unknown"));
        return new HttpReply.Whole(HttpResponseStatus.NO_CONTENT, "text/plain; charset=utf-8", new byte[0],
                Map.of("Set-Cookie", List.of(ConsoleCookie.cleared(sessions.settings()))));
    }

    private HttpReply methods(HttpRequestContext request, Principal caller) {
        ObjectNode json = JSON.createObjectNode();
        json.put("apiKey", true);
        json.put("oidc", oidc.isPresent());
        return json(HttpResponseStatus.OK, json, Map.of());
    }

    private HttpReply logInThroughProvider(HttpRequestContext request, Principal caller) {
        if (oidc.isEmpty()) {
            return ErrorReplies.notFound(request.path() + " (no OIDC provider is configured)");
        }
        try {
            ProviderReauthentication.BrowserRedirect redirect = oidc.get().begin(request.queryParameter("next"));
            return HttpReply.redirect(redirect.location(), List.of(redirect.cookie()));
        } catch (LoginRefusal refusal) {
            return HttpReply.text(HttpResponseStatus.valueOf(refusal.status()), refusal.getMessage());
        }
    }

    private ConsoleSession live(HttpRequestContext request) {
        return cookies.live(request.cookie(ConsoleCookie.NAME))
                .orElseThrow(() -> new ErrorReplies.UnauthorizedException("no valid console session"));
    }

    private static String apiKey(HttpRequestContext request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new ErrorReplies.BadRequestException("the body must be JSON: {\"apiKey\": \"<API key>\"}");
        }
        if (body == null || !body.path("apiKey").isTextual() || body.get("apiKey").asText().isBlank()) {
            throw new ErrorReplies.BadRequestException("apiKey is required: {\"apiKey\": \"<API key>\"}");
        }
        return body.get("apiKey").asText().trim();
    }

    /** The session as the console sees it: never its token, which only the cookie holds. */
    private ObjectNode body(ConsoleSession session) {
        ObjectNode json = JSON.createObjectNode();
        json.put("user", session.user());
        UserRole.wireNames(session.roles()).forEach(json.putArray("roles")::add);
        json.put("csrfToken", session.csrfToken());
        json.put("expiresAt", session.expiresAt(sessions.settings()).truncatedTo(ChronoUnit.SECONDS).toString());
        json.put("method", session.method().wireName());
        return json;
    }

    private static HttpReply json(HttpResponseStatus status, ObjectNode json, Map<String, List<String>> headers) {
        return new HttpReply.Whole(status, "application/json", json.toString().getBytes(StandardCharsets.UTF_8), headers);
    }
}
