package dev.chronoscale.gateway.sshcheck;

import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /ssh/check/<id>}: the page the SSH user is sent to by a held session's message. It names the session
 * and, while the check is pending, offers re-authentication with the identity provider when the OIDC login provides
 * it ({@link Reauthentication}), and the command an administrator approves it with.
 */
public final class SshCheckPage {

    /** Where the OIDC login starts a re-authentication for a check; empty while no login is configured. */
    @FunctionalInterface
    public interface Reauthentication {
        Optional<String> startUrl(String checkId);

        Reauthentication NONE = checkId -> Optional.empty();
    }

    private final SshChecks checks;
    private final Netmap netmap;
    private final Reauthentication reauthentication;

    public SshCheckPage(SshChecks checks, Netmap netmap, Reauthentication reauthentication) {
        this.checks = checks;
        this.netmap = netmap;
        this.reauthentication = reauthentication;
    }

    /** The page needs no caller: whoever holds the link sees which session waits and how it is decided. */
    public <C> HttpRoute<C> route() {
        return new HttpRoute<>(HttpMethod.GET, "/ssh/check/{id}", "Tailscale SSH check page", (request, caller) -> page(request));
    }

    private HttpReply page(HttpRequestContext request) {
        String id = request.pathParameter("id");
        Optional<SshCheck> found = SshChecks.isCheckId(id) ? checks.find(id) : Optional.empty();
        if (found.isEmpty()) {
            return html(HttpResponseStatus.NOT_FOUND, "<h1>Unknown SSH check</h1>"
                    + "<p>No SSH check has this id. Connect again to get a new one.</p>");
        }
        SshCheck check = found.get();
        String session = "<p>An SSH session from <strong>" + name(check.sourceNodeId()) + "</strong> to <strong>"
                + name(check.destinationNodeId()) + "</strong> as local user <code>" + escape(check.localUser())
                + "</code> is waiting.</p>";
        if (check.decision().isPresent()) {
            return html(HttpResponseStatus.OK, "<h1>SSH check " + (check.decision().get().approved() ? "approved" : "rejected")
                    + "</h1>" + session.replace("is waiting", "was decided") + "<p>You can close this page.</p>");
        }
        String reauth = reauthentication.startUrl(check.id())
                .map(url -> "<p><a href=\"" + escape(url) + "\">Log in with your identity provider</a> to let it in.</p>")
                .orElse("<p>Logging in with an identity provider is not set up on this server.</p>");
        return html(HttpResponseStatus.OK, "<h1>SSH check</h1>" + session + reauth
                + "<p>An administrator lets it in by running, on the Chronoscale server:</p>"
                + "<pre><code>chronoscale ssh-check approve " + check.id() + "</code></pre>"
                + "<p>(or <code>chronoscale ssh-check reject " + check.id() + "</code> to turn it away).</p>");
    }

    private String name(long nodeId) {
        return netmap.read(view -> view.node(nodeId)).map(NetmapNode::givenName).map(SshCheckPage::escape)
                .orElse("node " + nodeId);
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static HttpReply html(HttpResponseStatus status, String body) {
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Chronoscale</title></head><body>"
                + body + "</body></html>\n";
        return new HttpReply.Whole(status, "text/html; charset=utf-8", page.getBytes(StandardCharsets.UTF_8));
    }
}
