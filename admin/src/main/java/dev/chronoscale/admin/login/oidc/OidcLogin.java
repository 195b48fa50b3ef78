package dev.chronoscale.admin.login.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.chronoscale.admin.login.LoginListener;
import dev.chronoscale.admin.login.LoginPage;
import dev.chronoscale.admin.login.ProviderReauthentication;
import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.IdSequence;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.domain.tailnet.TailnetCommands.RecordLoginRefusal;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.gateway.command.AuditedCommandSender;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.register.InteractiveLogins;
import dev.chronoscale.gateway.register.LoginAttempts;
import dev.chronoscale.inventory.InventoryQueries;
import io.netty.handler.codec.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * OIDC login, Headscale's paths: {@code GET /register/<auth id>} sends the person to the provider (authorization
 * code flow, random {@code state} and {@code nonce}, PKCE when configured), and {@code GET /oidc/callback} takes the
 * trip back — the state once, in the browser that started it — exchanges the code, verifies the ID token, checks
 * the allowed domains, users and groups, and hands the verified person to the trip's purpose. Every refusal is a
 * page for the person and a {@code LoginRefused} event.
 */
public final class OidcLogin implements ProviderReauthentication {

    private static final Logger LOG = LoggerFactory.getLogger(OidcLogin.class);
    /** The cookie that binds a callback to the browser the trip began in. */
    static final String STATE_COOKIE = "chronoscale_oidc_state";
    private static final Pattern AUTH_ID = Pattern.compile("hskey-authreq-[A-Za-z0-9_-]{24}");
    /** The unique claim's column holds 255 characters. */
    private static final int MAX_SUBJECT_LENGTH = 255;

    private final OidcSettings settings;
    private final OidcProvider provider;
    private final LoginAttempts attempts;
    private final InteractiveLogins logins;
    private final LoginRules rules;
    private final ProviderUsers users;
    private final LoggedInUsers loggedIn;
    private final AuditedCommandSender commands;
    private final Clock clock;
    private final boolean secureCookie;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Completion> completions = new ConcurrentHashMap<>();

    public OidcLogin(OidcSettings settings, OidcProvider provider, LoginAttempts attempts, InteractiveLogins logins,
                     UniquenessRegistry claims, InventoryQueries inventory, IdSequence ids, AuditedCommandSender commands,
                     String serverUrl, Clock clock) {
        this.settings = settings;
        this.provider = provider;
        this.attempts = attempts;
        this.logins = logins;
        this.rules = new LoginRules(settings);
        this.commands = commands;
        this.clock = clock;
        this.secureCookie = serverUrl.startsWith("https://");
        this.users = new ProviderUsers(claims, inventory, ids, commands, rules);
        this.loggedIn = new LoggedInUsers(users);
        onVerified(DeviceLogin.PURPOSE, new DeviceLogin(logins, loggedIn, inventory, settings, clock));
    }

    /** The user a person's provider identifier ({@code iss/sub}) belongs to, if they logged in before. */
    public Optional<Long> knownUser(String subject) {
        return users.known(subject);
    }

    /**
     * The user of a person verified by a trip of another purpose (the web console's login), matched or created as a
     * device's login does, with the listeners told.
     */
    public long userOf(VerifiedLogin login, AuditContext by) {
        return loggedIn.userOf(login, by);
    }

    /** Told of every successful login that makes the person a user (groups from the token, roles): see {@link LoginListener}. */
    public void addListener(LoginListener listener) {
        loggedIn.addListener(listener);
    }

    /** The two pages; they need no caller, the person is who the provider says. */
    public List<HttpRoute<Principal>> routes() {
        return List.of(
                new HttpRoute<>(HttpMethod.GET, "/register/{auth_id}", "Interactive login: to the OIDC provider", this::register),
                new HttpRoute<>(HttpMethod.GET, "/oidc/callback", "OIDC provider callback", this::callback));
    }

    @Override
    public void onVerified(String purpose, Completion completion) {
        if (completions.putIfAbsent(purpose, completion) != null) {
            throw new IllegalStateException("a completion for " + purpose + " is already registered");
        }
    }

    @Override
    public BrowserRedirect begin(String purpose, String reference) {
        if (!completions.containsKey(purpose)) {
            throw new IllegalArgumentException("no completion for " + purpose);
        }
        String state = randomToken();
        String nonce = randomToken();
        Optional<String> verifier = settings.pkceEnabled() ? Optional.of(randomToken()) : Optional.empty();
        String location = provider.authorizationUrl(state, nonce, verifier.map(this::challenge));
        attempts.open(new LoginAttempts.Attempt(state, nonce, verifier, purpose, reference, clock.instant()));
        String cookie = STATE_COOKIE + "=" + state + "; Path=/oidc/callback; Max-Age="
                + LoginAttempts.VALID_FOR.toSeconds() + "; HttpOnly; SameSite=Lax" + (secureCookie ? "; Secure" : "");
        return new BrowserRedirect(location, cookie);
    }

    private HttpReply register(HttpRequestContext request, Principal caller) {
        String authId = request.pathParameter("auth_id");
        if (!AUTH_ID.matcher(authId).matches() || !logins.isUndecided(authId)) {
            return LoginPages.render(new LoginPage(404, "Unknown or finished login", "This login request does not exist "
                    + "or has already been decided. Run tailscale up again on the device."));
        }
        try {
            BrowserRedirect redirect = begin(DeviceLogin.PURPOSE, authId);
            return HttpReply.redirect(redirect.location(), List.of(redirect.cookie()));
        } catch (LoginRefusal refusal) {
            return refused(refusal, Optional.of(authId), caller);
        }
    }

    private HttpReply callback(HttpRequestContext request, Principal caller) {
        Optional<String> state = request.queryParameter("state");
        Optional<LoginAttempts.Attempt> attempt = state.flatMap(attempts::take);
        Optional<String> reference = attempt.map(LoginAttempts.Attempt::reference);
        try {
            if (attempt.isEmpty()) {
                throw new LoginRefusal("bad_state", 400, "This login link is unknown, already used or expired. Start "
                        + "the login again from your device.");
            }
            if (!request.cookie(STATE_COOKIE).equals(state)) {
                throw new LoginRefusal("bad_state", 403, "This login was not started in this browser. Open the link "
                        + "your device shows in this browser.");
            }
            Optional<String> error = request.queryParameter("error");
            if (error.isPresent()) {
                throw new LoginRefusal("provider_error", 403, "The identity provider refused the login ("
                        + error.get() + request.queryParameter("error_description").map(d -> ": " + d).orElse("") + ").");
            }
            String code = request.queryParameter("code").orElseThrow(() -> new LoginRefusal("bad_state", 400,
                    "The identity provider sent no code back. Start the login again from your device."));
            OidcProvider.Tokens tokens = provider.exchange(code, attempt.get().pkceVerifier());
            JWTClaimsSet claims = provider.verify(tokens.idToken(), attempt.get().nonce());
            VerifiedLogin login = verifiedLogin(claims, provider.userinfo(tokens.accessToken()));
            if (login.subject().length() > MAX_SUBJECT_LENGTH) {
                throw new LoginRefusal("subject_too_long", 403, "The identity provider's issuer and subject are longer "
                        + "than " + MAX_SUBJECT_LENGTH + " characters together.");
            }
            Principal person = Principal.person(new Identity.OidcUser(login.subject()), caller.remoteAddress());
            try {
                rules.check(login);
                LoginPage page = completions.get(attempt.get().purpose()).verified(attempt.get().reference(), login, person);
                return LoginPages.render(page);
            } catch (LoginRefusal refusal) {
                throw refusal.subject().isPresent() ? refusal : refusal.about(login.subject());
            }
        } catch (LoginRefusal refusal) {
            return refused(refusal, reference, caller);
        } catch (RuntimeException failure) {
            LOG.warn("OIDC login failed: {}", failure.toString());
            return refused(new LoginRefusal("internal_error", 500, "The login failed on this server. Try again; if it "
                    + "fails again, the administrator finds the cause in the server's log."), reference, caller);
        }
    }

    private HttpReply refused(LoginRefusal refusal, Optional<String> reference, Principal caller) {
        AuditContext by = refusal.subject()
                .map(subject -> Principal.person(new Identity.OidcUser(subject), caller.remoteAddress()))
                .orElse(caller).auditContext();
        try {
            commands.send(new RecordLoginRefusal(refusal.reason(), refusal.getMessage(), refusal.subject().orElse(null),
                    reference.orElse(null)), by, "tailnet");
        } catch (RuntimeException failure) {
            LOG.warn("could not record the refused OIDC login ({}): {}", refusal.reason(), failure.toString());
        }
        return LoginPages.render(LoginPages.refused(refusal));
    }

    /** The person as the token says, with what the userinfo endpoint adds for the same subject (as Headscale). */
    private VerifiedLogin verifiedLogin(JWTClaimsSet claims, Optional<JsonNode> userinfo) {
        Optional<JsonNode> info = userinfo.filter(node -> claims.getSubject().equals(node.path("sub").asText()));
        String email = text(claims, "email").or(() -> info.flatMap(node -> text(node, "email"))).orElse(null);
        boolean verified = bool(claims.getClaim("email_verified"))
                || info.map(node -> bool(node.path("email_verified").isBoolean() ? node.get("email_verified").asBoolean()
                : node.path("email_verified").asText())).orElse(false);
        List<String> groups = new ArrayList<>();
        Object claim = claims.getClaim("groups");
        if (claim instanceof List<?> list) {
            list.stream().filter(String.class::isInstance).map(String.class::cast).forEach(groups::add);
        } else if (claim instanceof String one) {
            groups.add(one);
        }
        return new VerifiedLogin(ProviderIdentifiers.of(claims.getIssuer(), claims.getSubject()), claims.getIssuer(),
                claims.getSubject(), text(claims, "name").or(() -> info.flatMap(node -> text(node, "name"))),
                text(claims, "preferred_username").or(() -> info.flatMap(node -> text(node, "preferred_username"))),
                Optional.ofNullable(email), verified,
                text(claims, "picture").or(() -> info.flatMap(node -> text(node, "picture"))), groups,
                claims.getExpirationTime().toInstant(), claims.getClaims());
    }

    private static Optional<String> text(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name)).filter(value -> !value.isBlank());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> text(JsonNode node, String name) {
        return node.hasNonNull(name) && node.get(name).isTextual() && !node.get(name).asText().isBlank()
                ? Optional.of(node.get(name).asText()) : Optional.empty();
    }

    /** Headscale's FlexibleBoolean: true, or the text "true". */
    private static boolean bool(Object value) {
        return Boolean.TRUE.equals(value) || (value instanceof String text && text.equalsIgnoreCase("true"));
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private String challenge(String verifier) {
        if (settings.pkceMethod() == OidcSettings.PkceMethod.PLAIN) {
            return verifier;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
