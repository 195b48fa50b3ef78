package dev.chronoscale.gateway.tls.acme;

import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.OperatorDispatch;
import dev.chronoscale.gateway.http.OperatorRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * What {@code tls_letsencrypt_listen} answers: {@code GET /.well-known/acme-challenge/<token>} with the token's key
 * authorization while the CA validates it (RFC 8555 8.3), and anything else with a pointer to the TLS port.
 */
public final class Http01Responder implements OperatorDispatch {

    static final String PREFIX = "/.well-known/acme-challenge/";

    private final ChallengeResponses responses;
    private final String serverUrl;

    public Http01Responder(ChallengeResponses responses, String serverUrl) {
        this.responses = responses;
        this.serverUrl = serverUrl;
    }

    @Override
    public HttpReply serve(OperatorRequest request) {
        if ((request.method().equals(HttpMethod.GET) || request.method().equals(HttpMethod.HEAD))
                && request.path().startsWith(PREFIX)) {
            return responses.httpResponse(request.path().substring(PREFIX.length()))
                    .map(answer -> HttpReply.text(HttpResponseStatus.OK, answer))
                    .orElseGet(() -> HttpReply.text(HttpResponseStatus.NOT_FOUND, "no such ACME challenge\n"));
        }
        return HttpReply.text(HttpResponseStatus.NOT_FOUND,
                "this port answers ACME HTTP-01 challenges only; Chronoscale is at " + serverUrl + "\n");
    }
}
