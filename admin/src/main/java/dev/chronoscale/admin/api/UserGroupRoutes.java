package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.groups.GroupDirectoryUnavailableException;
import dev.chronoscale.admin.groups.GroupSyncResult;
import dev.chronoscale.admin.groups.IdpGroupSync;
import dev.chronoscale.admin.groups.UserGroupChange;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.history.NetmapAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.netmap.LiveTailnet;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetUser;
import io.netty.handler.codec.http.HttpMethod;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Users' identity provider groups: a sync on demand, and one user's groups (and the policy groups they put the user
 * in) now or at an instant. Chronoscale's own routes beside Headscale's {@code /api/v1/user}, whose user objects keep
 * Headscale's fields exactly.
 */
public final class UserGroupRoutes {

    private final IdpGroupSync sync;
    private final LiveTailnet live;
    private final Netmap netmap;
    private final TailnetHistory history;

    /** @param live the netmap's tailnet once it has caught up with the log, so a read follows a sync it comes after */
    public UserGroupRoutes(IdpGroupSync sync, LiveTailnet live, Netmap netmap, TailnetHistory history) {
        this.sync = sync;
        this.live = live;
        this.netmap = netmap;
        this.history = history;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(
                PermittedRoute.needs(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/user/sync-groups",
                        "Read every user's groups from the identity provider now and record what changed", this::sync),
                PermittedRoute.needs(Permission.READ, HttpMethod.GET, "/api/v1/user/{id}/groups",
                        "A user's identity provider groups and the policy groups they are in (at: at an instant)", this::groups));
    }

    private HttpReply sync(HttpRequestContext request, Principal principal) {
        GroupSyncResult result;
        try {
            result = sync.sync(principal.auditContext());
        } catch (GroupDirectoryUnavailableException e) {
            return ErrorReplies.badGateway(e.getMessage() + "; nothing was changed");
        }
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("issuer", result.issuer());
        json.put("linkedUsers", result.linkedUsers());
        ArrayNode changes = json.putArray("changes");
        for (UserGroupChange change : result.changes()) {
            ObjectNode item = changes.addObject();
            item.put("userId", Long.toString(change.userId()));
            item.put("userName", change.userName());
            ArrayNode added = item.putArray("added");
            change.added().forEach(added::add);
            ArrayNode removed = item.putArray("removed");
            change.removed().forEach(removed::add);
        }
        return AdminApi.ok(json);
    }

    private HttpReply groups(HttpRequestContext request, Principal principal) {
        long id = RequestBody.parseId("id", request.pathParameter("id"));
        Optional<Instant> at = request.queryParameter("at").map(history::instant);
        Tailnet tailnet;
        Optional<Policy> policy;
        if (at.isPresent()) {
            NetmapAt past = history.netmapAt(at.get());
            tailnet = past.netmap().tailnet();
            policy = past.netmap().policy();
        } else {
            tailnet = live.get();
            policy = netmap.policy();
        }
        TailnetUser user = tailnet.users().stream().filter(u -> u.id() == id).findFirst()
                .orElseThrow(() -> DomainException.notFound("user " + id + " not found" + at.map(t -> " at " + t).orElse("")));
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("userId", Long.toString(user.id()));
        json.put("userName", user.name());
        at.ifPresent(t -> json.put("at", t.toString()));
        ArrayNode idp = json.putArray("idpGroups");
        user.idpGroups().forEach(idp::add);
        ArrayNode inPolicy = json.putArray("policyGroups");
        policy.ifPresent(p -> p.groups().keySet().stream().sorted().filter(g -> user.isInPolicyGroup(p, g)).forEach(inPolicy::add));
        return AdminApi.ok(json);
    }
}
