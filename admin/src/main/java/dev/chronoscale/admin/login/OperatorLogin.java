package dev.chronoscale.admin.login;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.OperatorRequest;
import dev.chronoscale.domain.user.UserRole;
import io.netty.handler.codec.http.HttpHeaderNames;

import java.util.Optional;
import java.util.Set;

/**
 * Turns what the transport knows about a request into its principal, once per request. A peer on the
 * unix socket is a trusted local administrator, with the admin role (the socket's file permissions are the
 * authorization); anyone else logs in with an API key as bearer token, with the key's role, or with a browser session
 * (the web console's cookie) when it sends no bearer token, or stays anonymous. A bearer token, valid or not, wins.
 */
public final class OperatorLogin {

    /** Free-text "why" for the audit record, sent by the CLI's --reason flag. */
    public static final String REASON_HEADER = "X-Chronoscale-Reason";
    private static final String BEARER = "Bearer ";

    private final ApiKeyLogin apiKeys;
    private final SessionCredential sessions;

    public OperatorLogin(ApiKeyLogin apiKeys) {
        this(apiKeys, SessionCredential.none());
    }

    public OperatorLogin(ApiKeyLogin apiKeys, SessionCredential sessions) {
        this.apiKeys = apiKeys;
        this.sessions = sessions;
    }

    public Principal login(OperatorRequest request) {
        Optional<String> reason = request.header(REASON_HEADER);
        if (request.unixPeer().isPresent()) {
            Identity.LocalCliUser user = new Identity.LocalCliUser(request.unixPeer().get().uid().stream()
                    .mapToObj(LocalUsers::nameOf).findFirst().orElse("unknown"));
            return new Principal(user, request.remoteAddress(), reason, Set.of(UserRole.ADMIN));
        }
        Optional<String> bearer = request.header(HttpHeaderNames.AUTHORIZATION)
                .filter(authorization -> authorization.startsWith(BEARER));
        if (bearer.isEmpty()) {
            return sessions.login(request, reason).orElseGet(() -> Principal.anonymous(request.remoteAddress()));
        }
        return bearer.flatMap(authorization -> apiKeys.login(authorization.substring(BEARER.length()).trim()))
                .map(key -> new Principal(key.identity(), request.remoteAddress(), reason, key.roles()))
                .orElseGet(() -> Principal.anonymous(request.remoteAddress()));
    }
}
