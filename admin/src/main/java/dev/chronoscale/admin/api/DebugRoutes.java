package dev.chronoscale.admin.api;

import dev.chronoscale.admin.DebugNodes;
import dev.chronoscale.admin.InventoryReads;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import io.netty.handler.codec.http.HttpMethod;

import java.util.List;
import java.util.Optional;

/**
 * {@code POST /api/v1/debug/node} with Headscale's {@code {"user", "key", "name", "routes"}}: puts a node with no
 * client behind it up for registration under {@code key} (see {@link DebugNodes}) and answers {@code {"node": Node}}
 * as it will be once registered, without an id or addresses yet.
 */
public final class DebugRoutes {

    private final DebugNodes debugNodes;
    private final InventoryQueries inventory;

    public DebugRoutes(DebugNodes debugNodes, InventoryQueries inventory) {
        this.debugNodes = debugNodes;
        this.inventory = inventory;
    }

    public List<HttpRoute<Principal>> routes() {
        return List.of(PermittedRoute.needs(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/debug/node",
                "Put a node with random keys up for registration under a key (user, key, name, routes)", this::createNode));
    }

    private HttpReply createNode(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        DebugNodes.PendingNode node = debugNodes.create(
                body.text("key").orElseThrow(() -> DomainException.invalid("key (a registration ID) is required")),
                body.text("name").orElseThrow(() -> DomainException.invalid("name is required")),
                body.text("user").orElseThrow(() -> DomainException.invalid("user is required")),
                body.strings("routes", "routes"));
        NodeView shown = new NodeView(0, node.machineKey(), node.nodeKey(), Optional.of(node.userId()), List.of(),
                node.hostname(), "", Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty(),
                RegisterMethod.CLI, node.routes(), List.of(), node.openedAt(), Optional.empty(), Optional.empty(),
                NodeApproval.APPROVED);
        InventoryReads reads = new InventoryReads(inventory);
        return AdminApi.ok(ApiJson.wrap("node", ApiJson.node(shown, reads::user, reads::preAuthKey, false, Optional.empty())));
    }
}
