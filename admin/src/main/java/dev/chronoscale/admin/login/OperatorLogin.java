package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.OperatorRequest;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.util.Optional;

/**
 * Turns what the transport knows about a request into its principal, once per request. A peer on the
 * unix socket is a trusted local administrator (the socket's file permissions are the authorization);
 * anyone else logs in with an API key as bearer token, or stays anonymous.
 */
public final class OperatorLogin {

    /** Free-text "why" for the audit record, sent by the CLI's --reason flag. */
    public static final String REASON_HEADER = "X-Chronoscale-Reason";
    private static final String BEARER = "Bearer ";

    private final ApiKeyLogin apiKeys;

    public OperatorLogin(ApiKeyLogin apiKeys) {
        this.apiKeys = apiKeys;
    }

    public Principal login(OperatorRequest request) {
        return Principal.of(identify(request), request.remoteAddress(), request.header(REASON_HEADER));
    }

    private Identity identify(OperatorRequest request) {
        if (request.unixPeer().isPresent()) {
            return new Identity.LocalCliUser(request.unixPeer().get().uid().stream()
                    .mapToObj(LocalUsers::nameOf).findFirst().orElse("unknown"));
        }
        return request.header(HttpHeaderNames.AUTHORIZATION)
                .filter(authorization -> authorization.startsWith(BEARER))
                .flatMap(authorization -> apiKeys.login(authorization.substring(BEARER.length()).trim()))
                .<Identity>map(key -> key)
                .orElseGet(Identity.Anonymous::new);
    }
}
