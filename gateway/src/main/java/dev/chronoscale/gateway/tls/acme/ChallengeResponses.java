package dev.chronoscale.gateway.tls.acme;

import io.netty.handler.ssl.SslContext;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The answers to the challenges of orders in progress, kept only while the CA validates them. */
public final class ChallengeResponses {

    private final Map<String, String> httpTokens = new ConcurrentHashMap<>();
    private final Map<String, SslContext> alpnContexts = new ConcurrentHashMap<>();

    void offerHttp(String token, String keyAuthorization) {
        httpTokens.put(token, keyAuthorization);
    }

    void withdrawHttp(String token) {
        httpTokens.remove(token);
    }

    void offerAlpn(String hostname, SslContext context) {
        alpnContexts.put(hostname.toLowerCase(Locale.ROOT), context);
    }

    void withdrawAlpn(String hostname) {
        alpnContexts.remove(hostname.toLowerCase(Locale.ROOT));
    }

    /** The key authorization for an HTTP-01 token, while it is being validated. */
    public Optional<String> httpResponse(String token) {
        return Optional.ofNullable(httpTokens.get(token));
    }

    /** The acme-tls/1 certificate's context for {@code hostname}, while it is being validated. */
    public Optional<SslContext> alpnResponse(String hostname) {
        return Optional.ofNullable(alpnContexts.get(hostname.toLowerCase(Locale.ROOT)));
    }
}
