package dev.chronoscale.admin.console;

import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRoute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers every answer of a console path carries, refusals included: the page may load only its own scripts,
 * styles and fonts and talk only to this server (no inline script, no other origin, no frame around it), the browser
 * may not guess content types, and no referrer leaves.
 */
final class ConsoleHeaders {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";
    private static final Map<String, List<String>> HEADERS = Map.of(
            "Content-Security-Policy", List.of(CONTENT_SECURITY_POLICY),
            "X-Content-Type-Options", List.of("nosniff"),
            "Referrer-Policy", List.of("no-referrer"),
            "X-Frame-Options", List.of("DENY"));

    private ConsoleHeaders() {
    }

    static HttpRoute<Principal> on(HttpRoute<Principal> route) {
        return new HttpRoute<>(route.method(), route.template(), route.summary(), (request, caller) -> {
            HttpReply reply;
            try {
                reply = route.handler().handle(request, caller);
            } catch (Exception failure) {
                reply = ErrorReplies.of(failure);
            }
            return with(reply);
        });
    }

    private static HttpReply with(HttpReply reply) {
        if (!(reply instanceof HttpReply.Whole whole)) {
            return reply;
        }
        Map<String, List<String>> headers = new HashMap<>(whole.headers());
        headers.putAll(HEADERS);
        return new HttpReply.Whole(whole.status(), whole.contentType(), whole.body(), headers);
    }
}
