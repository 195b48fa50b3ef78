package dev.chronoscale.admin.login.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OIDC provider as this server talks to it: its discovery document (fetched at start, or at the first login when
 * it was down then), the authorization URL a browser is sent to, the code exchange, and the ID token's check —
 * signature against the provider's published keys, {@code iss}, {@code aud}, {@code exp} and {@code nonce}. Every
 * call has a timeout, so a provider that hangs is a refusal, not a stuck login.
 */
public final class OidcProvider {

    /** Tokens a moment past their expiry are still accepted, for clocks that differ a little. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA);

    /** Makes the provider client for one configuration. */
    @FunctionalInterface
    public interface Factory {
        OidcProvider create(OidcSettings settings);
    }

    /** The endpoints of the provider's discovery document. */
    record Endpoints(URI authorization, URI token, URI jwks, Optional<URI> userinfo) {
    }

    /** What the code exchange gave: the ID token, and the access token for the userinfo endpoint. */
    record Tokens(String idToken, Optional<String> accessToken) {
    }

    private final OidcSettings settings;
    private final String redirectUri;
    private final Clock clock;
    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private volatile Discovered discovered;

    private record Discovered(Endpoints endpoints, DefaultJWTProcessor<SecurityContext> tokens) {
    }

    public OidcProvider(OidcSettings settings, String serverUrl, Clock clock) {
        this.settings = settings;
        this.redirectUri = serverUrl.replaceAll("/+$", "") + "/oidc/callback";
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(settings.timeout()).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Where the provider sends the browser back: {@code <server_url>/oidc/callback}, as Headscale. */
    public String redirectUri() {
        return redirectUri;
    }

    /** Fetches the discovery document now; a {@link LoginRefusal} says why it could not be read. */
    public void discover() {
        endpoints();
    }

    Endpoints endpoints() {
        return discovered().endpoints();
    }

    private Discovered discovered() {
        Discovered known = discovered;
        if (known != null) {
            return known;
        }
        synchronized (this) {
            if (discovered == null) {
                discovered = fetchDiscovery();
            }
            return discovered;
        }
    }

    private Discovered fetchDiscovery() {
        String issuer = settings.issuer().toString().replaceAll("/+$", "");
        JsonNode document = getJson(URI.create(issuer + "/.well-known/openid-configuration"), Optional.empty(), "discovery");
        String announced = document.path("issuer").asText("").replaceAll("/+$", "");
        if (!announced.equals(issuer)) {
            throw unavailable("the provider's discovery document names the issuer '" + document.path("issuer").asText("")
                    + "', not the configured " + issuer);
        }
        Endpoints endpoints;
        try {
            endpoints = new Endpoints(URI.create(document.path("authorization_endpoint").asText()),
                    URI.create(document.path("token_endpoint").asText()), URI.create(document.path("jwks_uri").asText()),
                    document.hasNonNull("userinfo_endpoint")
                            ? Optional.of(URI.create(document.get("userinfo_endpoint").asText())) : Optional.empty());
            if (endpoints.authorization().getHost() == null || endpoints.token().getHost() == null
                    || endpoints.jwks().getHost() == null) {
                throw new IllegalArgumentException("an endpoint is missing");
            }
        } catch (IllegalArgumentException e) {
            throw unavailable("the provider's discovery document lacks a usable authorization, token or jwks endpoint");
        }
        int millis = (int) settings.timeout().toMillis();
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(endpoints.jwks().toURL(),
                    new DefaultResourceRetriever(millis, millis, 1024 * 1024)).retrying(false).build();
        } catch (IOException e) {
            throw unavailable("the provider's jwks_uri is not a URL");
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, keys));
        // iss, aud, exp and nonce are checked one by one below, so each refusal can say which one failed.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        return new Discovered(endpoints, processor);
    }

    /** The provider's authorization URL for one trip of the browser. */
    String authorizationUrl(String state, String nonce, Optional<String> pkceChallenge) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("client_id", settings.clientId());
        query.put("redirect_uri", redirectUri);
        query.put("response_type", "code");
        query.put("scope", String.join(" ", settings.scope()));
        query.put("state", state);
        pkceChallenge.ifPresent(challenge -> {
            query.put("code_challenge", challenge);
            query.put("code_challenge_method", settings.pkceMethod() == OidcSettings.PkceMethod.S256 ? "S256" : "plain");
        });
        settings.extraParams().forEach(query::putIfAbsent);
        query.put("nonce", nonce);
        URI authorization = endpoints().authorization();
        String separator = authorization.getRawQuery() == null ? "?" : "&";
        return authorization + separator + form(query);
    }

    /** Exchanges the code the browser came back with; a refused code (used before, or forged) is a refusal. */
    Tokens exchange(String code, Optional<String> pkceVerifier) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("grant_type", "authorization_code");
        body.put("code", code);
        body.put("redirect_uri", redirectUri);
        pkceVerifier.ifPresent(verifier -> body.put("code_verifier", verifier));
        String basic = Base64.getEncoder().encodeToString((encode(settings.clientId()) + ":" + encode(settings.clientSecret()))
                .getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(endpoints().token()).timeout(settings.timeout())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .header("Authorization", "Basic " + basic)
                .POST(HttpRequest.BodyPublishers.ofString(form(body))).build();
        HttpResponse<String> reply = send(request, "token");
        if (reply.statusCode() / 100 != 2) {
            throw new LoginRefusal("code_rejected", 403, "The identity provider did not accept this login's code (it may "
                    + "have been used already). Start the login again from your device.");
        }
        JsonNode tokens = parse(reply.body(), "token");
        if (!tokens.hasNonNull("id_token")) {
            throw new LoginRefusal("no_id_token", 502, "The identity provider answered without an ID token: check that "
                    + "the scope includes openid.");
        }
        return new Tokens(tokens.get("id_token").asText(),
                tokens.hasNonNull("access_token") ? Optional.of(tokens.get("access_token").asText()) : Optional.empty());
    }

    /** Checks the ID token and returns its claims: signature, issuer, audience, expiry, then the trip's nonce. */
    JWTClaimsSet verify(String idToken, String nonce) {
        JWTClaimsSet claims;
        try {
            claims = discovered().tokens().process(idToken, null);
        } catch (ParseException e) {
            throw new LoginRefusal("bad_token", 403, "The identity provider's ID token could not be read.");
        } catch (BadJOSEException e) {
            throw new LoginRefusal("bad_signature", 403, "The ID token's signature does not match any key the identity "
                    + "provider publishes.");
        } catch (JOSEException e) {
            throw unavailable("the provider's keys could not be fetched");
        }
        String issuer = settings.issuer().toString().replaceAll("/+$", "");
        if (claims.getIssuer() == null || !claims.getIssuer().replaceAll("/+$", "").equals(issuer)) {
            throw new LoginRefusal("unknown_issuer", 403, "The ID token was issued by '" + claims.getIssuer()
                    + "', not by the configured identity provider.");
        }
        if (claims.getAudience() == null || !claims.getAudience().contains(settings.clientId())) {
            throw new LoginRefusal("wrong_audience", 403, "The ID token was issued for another client, not for "
                    + settings.clientId() + ".");
        }
        if (claims.getExpirationTime() == null
                || claims.getExpirationTime().toInstant().plus(CLOCK_SKEW).isBefore(clock.instant())) {
            throw new LoginRefusal("token_expired", 403, "The ID token has expired. Start the login again from your device.");
        }
        Object tokenNonce = claims.getClaim("nonce");
        if (!(tokenNonce instanceof String text) || !text.equals(nonce)) {
            throw new LoginRefusal("nonce_mismatch", 403, "The ID token does not belong to this login (its nonce differs).");
        }
        if (claims.getSubject() == null || claims.getSubject().isBlank()) {
            throw new LoginRefusal("bad_token", 403, "The ID token names no subject.");
        }
        return claims;
    }

    /** The provider's userinfo for the access token, if it has the endpoint and answers; empty otherwise. */
    Optional<JsonNode> userinfo(Optional<String> accessToken) {
        Optional<URI> endpoint = endpoints().userinfo();
        if (endpoint.isEmpty() || accessToken.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(getJson(endpoint.get(), accessToken, "userinfo"));
        } catch (LoginRefusal e) {
            return Optional.empty(); // as Headscale: the token's claims are enough
        }
    }

    private JsonNode getJson(URI uri, Optional<String> bearer, String what) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(settings.timeout()).header("Accept", "application/json");
        bearer.ifPresent(token -> request.header("Authorization", "Bearer " + token));
        HttpResponse<String> reply = send(request.GET().build(), what);
        if (reply.statusCode() != 200) {
            throw unavailable("the provider's " + what + " endpoint answered HTTP " + reply.statusCode());
        }
        return parse(reply.body(), what);
    }

    private HttpResponse<String> send(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            throw unavailable("the provider's " + what + " endpoint did not answer within " + settings.timeout().toSeconds() + "s");
        } catch (IOException e) {
            throw unavailable("the provider's " + what + " endpoint could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("interrupted while calling the provider's " + what + " endpoint");
        }
    }

    private JsonNode parse(String body, String what) {
        try {
            return json.readTree(body);
        } catch (IOException e) {
            throw unavailable("the provider's " + what + " endpoint answered something other than JSON");
        }
    }

    static LoginRefusal unavailable(String detail) {
        return new LoginRefusal("provider_unavailable", 503, "The identity provider is unavailable: " + detail
                + ". Try again later.");
    }

    private static String form(Map<String, String> values) {
        return values.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
