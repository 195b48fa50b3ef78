package dev.chronoscale.gateway.register;

import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * {@code GET /register/<auth id>}: the page an interactive login sends the user to. It tells an
 * administrator the command that admits the machine.
 */
public final class RegistrationPage {

    private static final Pattern AUTH_ID = Pattern.compile("hskey-authreq-[A-Za-z0-9_-]{24}");

    private final PendingRegistrations pending;

    public RegistrationPage(PendingRegistrations pending) {
        this.pending = pending;
    }

    /** The page needs no caller: the command it shows is what an administrator runs. */
    public <C> HttpRoute<C> route() {
        return new HttpRoute<>(HttpMethod.GET, "/register/{auth_id}", "Interactive login page", (request, caller) -> page(request));
    }

    private HttpReply page(HttpRequestContext request) {
        String authId = request.pathParameter("auth_id");
        if (!AUTH_ID.matcher(authId).matches() || !pending.isPending(authId)) {
            return html(HttpResponseStatus.NOT_FOUND, "<h1>Unknown or finished login</h1>"
                    + "<p>This login request does not exist or has already been decided. Run <code>tailscale up</code> again.</p>");
        }
        return html(HttpResponseStatus.OK, "<h1>Machine registration</h1>"
                + "<p>An administrator admits this machine by running, on the Chronoscale server:</p>"
                + "<pre><code>chronoscale auth register --auth-id " + authId + " --user USERNAME</code></pre>"
                + "<p>(or <code>chronoscale auth reject --auth-id " + authId + "</code> to refuse it).</p>");
    }

    private static HttpReply html(HttpResponseStatus status, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chronoscale</title></head><body>"
                + body + "</body></html>\n";
        return new HttpReply.Whole(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }
}
