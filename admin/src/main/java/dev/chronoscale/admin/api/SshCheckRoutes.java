package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.sshcheck.SshCheck;
import dev.chronoscale.gateway.sshcheck.SshCheckDecider;
import dev.chronoscale.gateway.sshcheck.SshChecks;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * Tailscale SSH checks for administrators: {@code GET /api/v1/sshcheck} lists the pending ones,
 * {@code POST /api/v1/sshcheck/{id}/approve} and {@code .../reject} decide one (Headscale's
 * {@code POST /api/v1/auth/approve|reject} with the check's id do the same, see {@link AdminApi}).
 */
public final class SshCheckRoutes {

    private final SshChecks checks;
    private final SshCheckDecider decider;

    public SshCheckRoutes(SshChecks checks, SshCheckDecider decider) {
        this.checks = checks;
        this.decider = decider;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/sshcheck", "List the SSH checks waiting for a decision", this::list),
                PermittedRoute.needs(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/sshcheck/{id}/approve", "Approve a waiting SSH check", this::approve),
                PermittedRoute.needs(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/sshcheck/{id}/reject", "Reject a waiting SSH check", this::reject));
    }

    private HttpReply list(HttpRequestContext request, Principal principal) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        ArrayNode list = json.putArray("checks");
        checks.pending().forEach(check -> list.add(json(check)));
        return AdminApi.ok(json);
    }

    private HttpReply approve(HttpRequestContext request, Principal principal) {
        return AdminApi.ok(ApiJson.wrap("check", json(decider.decide(request.pathParameter("id"), true,
                principal.auditContext()))));
    }

    private HttpReply reject(HttpRequestContext request, Principal principal) {
        return AdminApi.ok(ApiJson.wrap("check", json(decider.decide(request.pathParameter("id"), false,
                principal.auditContext()))));
    }

    /** {@code id}, the session ({@code sourceNodeId}, {@code destinationNodeId}, users), its period and decision. */
    static ObjectNode json(SshCheck check) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("id", check.id());
        json.put("sourceNodeId", Long.toString(check.sourceNodeId()));
        json.put("destinationNodeId", Long.toString(check.destinationNodeId()));
        json.put("sshUser", check.sshUser());
        json.put("localUser", check.localUser());
        json.put("checkPeriod", check.checkPeriod().toSeconds() + "s");
        ApiJson.putTime(json, "openedAt", Optional.of(check.openedAt()));
        json.put("decision", check.decision().map(d -> d.approved() ? "approved" : "rejected").orElse("pending"));
        ApiJson.putTime(json, "decidedAt", check.decision().map(SshCheck.Decided::at));
        if (check.decision().isPresent()) {
            json.put("decidedBy", check.decision().get().by());
        } else {
            json.putNull("decidedBy");
        }
        return json;
    }
}
