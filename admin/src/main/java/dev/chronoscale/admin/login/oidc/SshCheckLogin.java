package dev.chronoscale.admin.login.oidc;

import dev.chronoscale.admin.login.LoginPage;
import dev.chronoscale.admin.login.ProviderReauthentication.BrowserRedirect;
import dev.chronoscale.admin.login.VerifiedLogin;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.sshcheck.SshCheckDecisions;
import dev.chronoscale.gateway.sshcheck.SshChecks;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * A Tailscale SSH check decided by the person: {@code GET /ssh/check/<id>/login} (linked from the check's page) sends
 * them through the identity provider, and the verified person approves the check when they are the one it asks for,
 * the owner of the session's source node ({@link SshCheckDecisions} decides that and records the approval).
 */
public final class SshCheckLogin {

    static final String PURPOSE = "ssh-check";

    private final OidcLogin login;
    private final SshCheckDecisions decisions;

    public SshCheckLogin(OidcLogin login, SshCheckDecisions decisions) {
        this.login = login;
        this.decisions = decisions;
        login.onVerified(PURPOSE, this::verified);
    }

    /** Where the check page's "log in" link points: {@code <server_url>/ssh/check/<id>/login}. */
    public static String startPath(String checkId) {
        return "/ssh/check/" + checkId + "/login";
    }

    /** The page needs no caller: the person is who the provider says when they come back. */
    public HttpRoute<Principal> route() {
        return new HttpRoute<>(HttpMethod.GET, "/ssh/check/{id}/login", "SSH check: approve it by logging in with the OIDC provider",
                this::start);
    }

    private HttpReply start(HttpRequestContext request, Principal caller) {
        String checkId = request.pathParameter("id");
        if (!SshChecks.isCheckId(checkId)) {
            return LoginPages.render(new LoginPage(404, "Unknown SSH check", "No SSH check has this id. Connect again to get a new one."));
        }
        try {
            BrowserRedirect redirect = login.begin(PURPOSE, checkId);
            return HttpReply.redirect(redirect.location(), List.of(redirect.cookie()));
        } catch (LoginRefusal refusal) {
            return LoginPages.render(LoginPages.refused(refusal));
        }
    }

    private LoginPage verified(String checkId, VerifiedLogin person, Principal principal) {
        long userId = login.knownUser(person.subject()).orElseThrow(() -> new LoginRefusal("unknown_user", 403,
                "You have no devices on this tailnet, so no SSH session waits for you.", Optional.of(person.subject())));
        try {
            decisions.approve(checkId, new SshCheckDecisions.VerifiedPerson(userId, person.issuer(), person.subject()));
            return new LoginPage(200, "SSH check approved", "The SSH session may go on. You can close this page.");
        } catch (DomainException refused) {
            return new LoginPage(ErrorReplies.status(refused.kind()).code(), "SSH check not approved", refused.getMessage());
        }
    }
}
