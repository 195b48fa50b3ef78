package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.PolicyImpact;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.netmap.access.AccessChange;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;

/** {@code POST /api/v1/policy/impact}: the access a policy would add and remove, before it is applied. */
public final class PolicyImpactRoutes {

    private final PolicyImpact impact;

    public PolicyImpactRoutes(PolicyImpact impact) {
        this.impact = impact;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(PermittedRoute.needs(Permission.READ, HttpMethod.POST, "/api/v1/policy/impact",
                "Validate a policy, run its tests, and list the access it would add and remove", this::impact));
    }

    private HttpReply impact(HttpRequestContext request, Principal principal) {
        String text = RequestBody.of(request).text("policy").orElseThrow(() -> DomainException.invalid("policy is required"));
        AccessChange change = impact.of(text);
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.set("gained", AccessJson.rows(change.gained()));
        json.set("lost", AccessJson.rows(change.lost()));
        return AdminApi.ok(json);
    }
}
