package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.admin.InventoryReads;
import dev.chronoscale.admin.NodeAdmin;
import dev.chronoscale.admin.PolicyAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.policy.PolicyRejectedException;
import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.admin.principal.Permission;
import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.admin.principal.Principal;
import dev.chronoscale.admin.login.ApiKeyUses;
import dev.chronoscale.gateway.http.ErrorReplies;
import dev.chronoscale.gateway.http.HttpReply;
import dev.chronoscale.gateway.http.HttpRequestContext;
import dev.chronoscale.gateway.http.HttpRoute;
import dev.chronoscale.gateway.register.PendingRegistrations;
import dev.chronoscale.gateway.sshcheck.SshCheckDecider;
import dev.chronoscale.gateway.sshcheck.SshChecks;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.inventory.InventoryViews.UserView;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.LongPredicate;

/** The {@code /api/v1} routes, with Headscale's paths, request fields and response shapes. */
public final class AdminApi {

    private final UserAdmin users;
    private final PreAuthKeyAdmin preAuthKeys;
    private final ApiKeyAdmin apiKeys;
    private final NodeAdmin nodes;
    private final PolicyAdmin policy;
    private final PendingRegistrations pending;
    private final InventoryQueries inventory;
    private final LongPredicate online;
    private final TailnetHistory history;
    private final SystemRoutes system;
    private final ApiKeyUses apiKeyUses;
    private final PolicyWrites policyWrites;
    private final SshChecks sshChecks;
    private final SshCheckDecider sshCheckDecider;

    /** Whether {@code PUT /api/v1/policy} may change the policy: not while a file is the policy's source. */
    public enum PolicyWrites { ALLOWED, FILE_MODE }

    public AdminApi(UserAdmin users, PreAuthKeyAdmin preAuthKeys, ApiKeyAdmin apiKeys, NodeAdmin nodes,
                    PolicyAdmin policy, PendingRegistrations pending, InventoryQueries inventory,
                    LongPredicate online, TailnetHistory history, SystemRoutes system, ApiKeyUses apiKeyUses,
                    PolicyWrites policyWrites, SshChecks sshChecks, SshCheckDecider sshCheckDecider) {
        this.sshChecks = sshChecks;
        this.sshCheckDecider = sshCheckDecider;
        this.apiKeyUses = apiKeyUses;
        this.policyWrites = policyWrites;
        this.users = users;
        this.preAuthKeys = preAuthKeys;
        this.apiKeys = apiKeys;
        this.nodes = nodes;
        this.policy = policy;
        this.pending = pending;
        this.inventory = inventory;
        this.online = online;
        this.history = history;
        this.system = system;
    }

    public List<HttpRoute<Principal>> routes() {
        List<HttpRoute<Principal>> routes = new ArrayList<>(List.of(
                route(Permission.READ, HttpMethod.GET, "/api/v1/user", "List users (filters: id, name, email; at: as they were at an instant)", this::listUsers),
                route(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/user", "Create a user", this::createUser),
                route(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/user/{old_id}/rename/{new_name}", "Rename a user", this::renameUser),
                route(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/user/{id}/roles",
                        "Set the roles an operator gives a user (roles: names; the identity provider's stay)", this::setUserRoles),
                route(Permission.ADMIN_WRITE, HttpMethod.DELETE, "/api/v1/user/{id}", "Delete a user, refused while it owns nodes (query delete_nodes=true deletes them too)", this::deleteUser),
                route(Permission.READ, HttpMethod.GET, "/api/v1/preauthkey", "List pre-auth keys (at: as they were at an instant)", this::listPreAuthKeys),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/preauthkey", "Create a pre-auth key", this::createPreAuthKey),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/preauthkey/expire", "Expire a pre-auth key (id, or key with user)", this::expirePreAuthKey),
                route(Permission.NETWORK_WRITE, HttpMethod.DELETE, "/api/v1/preauthkey", "Delete a pre-auth key (query id)", this::deletePreAuthKey),
                route(Permission.READ, HttpMethod.GET, "/api/v1/apikey", "List API keys (at: as they were at an instant)", this::listApiKeys),
                route(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/apikey", "Create an API key", this::createApiKey),
                route(Permission.ADMIN_WRITE, HttpMethod.POST, "/api/v1/apikey/expire", "Expire an API key (id or prefix)", this::expireApiKey),
                route(Permission.ADMIN_WRITE, HttpMethod.DELETE, "/api/v1/apikey/{prefix}", "Delete an API key", this::deleteApiKey),
                route(Permission.READ, HttpMethod.GET, "/api/v1/node", "List nodes (filters: user name, approval; at: as they were at an instant)", this::listNodes),
                route(Permission.READ, HttpMethod.GET, "/api/v1/node/{node_id}", "Get a node (at: as it was at an instant)", this::getNode),
                route(Permission.NETWORK_WRITE, HttpMethod.DELETE, "/api/v1/node/{node_id}", "Delete a node", this::deleteNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/expire", "Expire a node (query expiry, disable_expiry)", this::expireNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/rename/{new_name}", "Rename a node", this::renameNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/tags", "Set a node's tags", this::tagNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/user", "Move a node to another user (user: a user id)", this::moveNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/approve_routes", "Set a node's approved routes", this::approveRoutes),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/approve", "Approve a pending node (device approval; body reason)", this::approveNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/{node_id}/refuse", "Refuse a pending node for good (body reason)", this::refuseNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/backfillips", "Give every node an address of each configured family it lacks (query confirmed=true)", this::backfillAddresses),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/node/register", "Register a pending node (query user, key)", this::registerNode),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/auth/register", "Register a pending interactive login to a user", this::authRegister),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/auth/approve", "Approve a pending interactive login", this::authApprove),
                route(Permission.NETWORK_WRITE, HttpMethod.POST, "/api/v1/auth/reject", "Reject a pending interactive login", this::authReject),
                route(Permission.READ, HttpMethod.GET, "/api/v1/policy", "Get the policy in force (at: the one in force at an instant)", this::getPolicy),
                route(Permission.NETWORK_WRITE, HttpMethod.PUT, "/api/v1/policy", "Set a new policy version", this::setPolicy),
                route(Permission.READ, HttpMethod.POST, "/api/v1/policy/check", "Validate a policy and run its tests without applying it", this::checkPolicy)));
        routes.addAll(system.routes());
        return routes;
    }

    private static HttpRoute<Principal> route(Permission need, HttpMethod method, String template, String summary,
                                              HttpRoute.Handler<Principal> handler) {
        return PermittedRoute.needs(need, method, template, summary, handler);
    }

    static HttpReply ok(ObjectNode json) {
        return HttpReply.json(HttpResponseStatus.OK, json.toString());
    }

    static HttpReply empty() {
        return HttpReply.json(HttpResponseStatus.OK, "{}");
    }

    private ObjectNode userJson(UserView user) {
        return ApiJson.user(user);
    }

    /** The inventory a read shows, with which nodes were online then; {@code live} when it is now. */
    private record Reading(InventoryReads reads, LongPredicate online, boolean live) {

        /** {@code lastSeen} is when the node's last map stream opened or closed: the same now and in the past. */
        ObjectNode node(NodeView node) {
            return ApiJson.node(node, reads::user, reads::preAuthKey, online.test(node.id()), node.lastSeen());
        }
    }

    private ObjectNode nodeJson(NodeView node) {
        return now().node(node);
    }

    private Reading now() {
        return new Reading(new InventoryReads(inventory), online, true);
    }

    /** What a read shows: now, or with {@code ?at=T} the inventory at T, where online means a session was open. */
    private HttpReply reading(HttpRequestContext request, Function<Reading, ObjectNode> read) {
        Optional<String> at = request.queryParameter("at");
        if (at.isEmpty()) {
            return ok(read.apply(now()));
        }
        try (InventoryAt past = history.inventoryAt(history.instant(at.get()))) {
            return ok(read.apply(new Reading(new InventoryReads(past.queries()), past::wasConnected, false)));
        }
    }

    private static long pathId(HttpRequestContext request, String name) {
        return RequestBody.parseId(name, request.pathParameter(name));
    }

    private HttpReply listUsers(HttpRequestContext request, Principal principal) {
        Optional<Long> id = request.queryParameter("id").map(s -> RequestBody.parseId("id", s));
        return reading(request, r -> ApiJson.list("users",
                r.reads().users(id, request.queryParameter("name"), request.queryParameter("email")), this::userJson));
    }

    private HttpReply createUser(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        String name = body.text("name").orElseThrow(() -> DomainException.invalid("name is required"));
        UserView user = users.create(name, body.text("displayName", "display_name").orElse(null),
                body.text("email").orElse(null), body.text("pictureUrl", "picture_url").orElse(null), principal.auditContext());
        return ok(ApiJson.wrap("user", userJson(user)));
    }

    private HttpReply renameUser(HttpRequestContext request, Principal principal) {
        return ok(ApiJson.wrap("user", userJson(users.rename(pathId(request, "old_id"), request.pathParameter("new_name"),
                principal.auditContext()))));
    }

    /** Over the CLI's socket the change is recorded as the CLI's, with an API key as the API's. */
    private HttpReply setUserRoles(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        if (!body.has("roles")) {
            throw DomainException.invalid("roles is required (an empty list removes every role an operator gave)");
        }
        Set<UserRole> roles = UserRole.parseAll(body.strings("roles", "roles"));
        RoleSource source = principal.identity() instanceof Identity.LocalCliUser ? RoleSource.CLI : RoleSource.API;
        return ok(ApiJson.wrap("user", userJson(users.setRoles(pathId(request, "id"), roles, source, principal.auditContext()))));
    }

    private HttpReply deleteUser(HttpRequestContext request, Principal principal) {
        if (request.queryParameter("force").isPresent()) {
            // Earlier Chronoscale CLIs sent force=true for --force, which deleted the user's devices; Headscale's
            // --force only skips a prompt. Refused, so that such a client cannot delete devices unasked.
            throw DomainException.invalid("force is not a parameter of user deletion: a user who owns nodes is refused; "
                    + "delete_nodes=true deletes the nodes with the user");
        }
        boolean deleteNodes = request.queryParameter("delete_nodes", "deleteNodes").map(Boolean::parseBoolean).orElse(false);
        users.delete(pathId(request, "id"), deleteNodes, principal.auditContext());
        return empty();
    }

    private HttpReply listPreAuthKeys(HttpRequestContext request, Principal principal) {
        Optional<Long> user = request.queryParameter("user").map(s -> RequestBody.parseId("user", s));
        return reading(request, r -> ApiJson.list("preAuthKeys", r.reads().preAuthKeys().stream()
                        .filter(k -> user.isEmpty() || k.userId().equals(user)).toList(),
                k -> ApiJson.preAuthKey(k, k.userId().flatMap(r.reads()::user), Optional.empty())));
    }

    private HttpReply createPreAuthKey(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        Optional<Long> userId = body.id("user", "user");
        PreAuthKeyAdmin.CreatedPreAuthKey created = preAuthKeys.create(userId, body.flag("reusable"),
                body.flag("ephemeral"), body.time("expiration").orElseThrow(() -> DomainException.invalid("expiration is required")),
                body.strings("aclTags", "acl_tags"), body.flag("preApproved", "pre_approved"), principal.auditContext());
        return ok(ApiJson.wrap("preAuthKey", ApiJson.preAuthKey(created.key(), userId.flatMap(inventory::user),
                Optional.of(created.text()))));
    }

    /** Headscale 0.28 names the key by {@code id}; 0.26 (and headscale-ui) by {@code user} and {@code key}. */
    private HttpReply expirePreAuthKey(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        Optional<Long> id = body.id("id", "id");
        Optional<String> key = body.text("key");
        if (id.isPresent() == key.isPresent()) {
            throw DomainException.invalid(id.isPresent() ? "give either id or key, not both" : "id or key is required");
        }
        long target = id.orElseGet(() -> preAuthKeys.find(key.get(), body.id("user", "user")).id());
        preAuthKeys.expire(target, principal.auditContext());
        return empty();
    }

    private HttpReply deletePreAuthKey(HttpRequestContext request, Principal principal) {
        long id = request.queryParameter("id").map(s -> RequestBody.parseId("id", s))
                .orElseThrow(() -> DomainException.invalid("id is required"));
        preAuthKeys.delete(id, principal.auditContext());
        return empty();
    }

    private HttpReply listApiKeys(HttpRequestContext request, Principal principal) {
        // Uses are not recorded in the log: a past list has no lastSeen.
        return reading(request, r -> ApiJson.list("apiKeys", r.reads().apiKeys(),
                k -> ApiJson.apiKey(k, r.live() ? apiKeyUses.lastSeen(k.prefix()) : Optional.empty())));
    }

    private HttpReply createApiKey(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        Optional<UserRole> role = body.text("role").filter(text -> !text.isBlank()).map(UserRole::parse);
        String key = apiKeys.create(body.time("expiration").orElseThrow(() -> DomainException.invalid("expiration is required")),
                role, principal.auditContext());
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("apiKey", key);
        return ok(json);
    }

    private HttpReply expireApiKey(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        apiKeys.expire(apiKeys.find(body.id("id", "id"), body.text("prefix")), principal.auditContext());
        return empty();
    }

    private HttpReply deleteApiKey(HttpRequestContext request, Principal principal) {
        Optional<Long> id = request.queryParameter("id").map(s -> RequestBody.parseId("id", s));
        Optional<String> prefix = id.isPresent() && request.pathParameter("prefix").equals("-")
                ? Optional.empty() : Optional.of(request.pathParameter("prefix"));
        apiKeys.delete(apiKeys.find(id, prefix), principal.auditContext());
        return empty();
    }

    /** {@code approval=pending} (or approved, refused) lists the nodes in that state of device approval. */
    private HttpReply listNodes(HttpRequestContext request, Principal principal) {
        Optional<NodeApproval> approval = request.queryParameter("approval").map(AdminApi::approval);
        return reading(request, r -> ApiJson.list("nodes", r.reads().nodes(request.queryParameter("user")).stream()
                .filter(node -> approval.isEmpty() || node.approval() == approval.get()).toList(), r::node));
    }

    private static NodeApproval approval(String text) {
        return java.util.Arrays.stream(NodeApproval.values())
                .filter(state -> state.name().equalsIgnoreCase(text.strip())).findFirst()
                .orElseThrow(() -> DomainException.invalid("approval '" + text + "' must be approved, pending or refused"));
    }

    private HttpReply approveNode(HttpRequestContext request, Principal principal) {
        String reason = RequestBody.of(request).text("reason").orElse("");
        return ok(ApiJson.wrap("node", nodeJson(nodes.approve(pathId(request, "node_id"), reason, principal.auditContext()))));
    }

    private HttpReply refuseNode(HttpRequestContext request, Principal principal) {
        String reason = RequestBody.of(request).text("reason").orElse("");
        return ok(ApiJson.wrap("node", nodeJson(nodes.refuse(pathId(request, "node_id"), reason, principal.auditContext()))));
    }

    private HttpReply getNode(HttpRequestContext request, Principal principal) {
        long id = pathId(request, "node_id");
        return reading(request, r -> ApiJson.wrap("node", r.node(r.reads().node(id))));
    }

    private HttpReply deleteNode(HttpRequestContext request, Principal principal) {
        nodes.delete(pathId(request, "node_id"), principal.auditContext());
        return empty();
    }

    private HttpReply expireNode(HttpRequestContext request, Principal principal) {
        Optional<java.time.Instant> expiry = request.queryParameter("expiry").map(s -> RequestBody.parseTime("expiry", s));
        boolean disable = request.queryParameter("disable_expiry", "disableExpiry").map(Boolean::parseBoolean).orElse(false);
        return ok(ApiJson.wrap("node", nodeJson(nodes.expire(pathId(request, "node_id"), expiry, disable, principal.auditContext()))));
    }

    private HttpReply renameNode(HttpRequestContext request, Principal principal) {
        return ok(ApiJson.wrap("node", nodeJson(nodes.rename(pathId(request, "node_id"), request.pathParameter("new_name"),
                principal.auditContext()))));
    }

    private HttpReply tagNode(HttpRequestContext request, Principal principal) {
        return ok(ApiJson.wrap("node", nodeJson(nodes.tag(pathId(request, "node_id"),
                RequestBody.of(request).strings("tags", "tags"), principal.auditContext()))));
    }

    private HttpReply approveRoutes(HttpRequestContext request, Principal principal) {
        return ok(ApiJson.wrap("node", nodeJson(nodes.approveRoutes(pathId(request, "node_id"),
                RequestBody.of(request).strings("routes", "routes"), principal.auditContext()))));
    }

    private HttpReply moveNode(HttpRequestContext request, Principal principal) {
        long user = RequestBody.of(request).id("user", "user").orElseThrow(() -> DomainException.invalid("user (a user id) is required"));
        return ok(ApiJson.wrap("node", nodeJson(nodes.move(pathId(request, "node_id"), user, principal.auditContext()))));
    }

    private HttpReply backfillAddresses(HttpRequestContext request, Principal principal) {
        if (!request.queryParameter("confirmed").map(Boolean::parseBoolean).orElse(false)) {
            throw DomainException.invalid("not confirmed, aborting: confirmed=true is required");
        }
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        nodes.backfillAddresses(principal.auditContext()).forEach(json.putArray("changes")::add);
        return ok(json);
    }

    private HttpReply registerNode(HttpRequestContext request, Principal principal) {
        String user = request.queryParameter("user").orElseThrow(() -> DomainException.invalid("user is required"));
        String key = request.queryParameter("key").orElseThrow(() -> DomainException.invalid("key is required"));
        // Headscale answers with the node registered; tools (Headplane, Terraform) read it.
        return switch (decideRegistration(key, user, principal.auditContext())) {
            case PendingRegistrations.Outcome.Registered registered -> ok(ApiJson.wrap("node", nodeJson(
                    inventory.node(registered.nodeId()).orElseThrow(() -> DomainException.notFound(
                            "node " + registered.nodeId() + " not found")))));
            case PendingRegistrations.Outcome.NotRegistered refused -> throw DomainException.invalid(refused.reason());
        };
    }

    private HttpReply authRegister(HttpRequestContext request, Principal principal) {
        RequestBody body = RequestBody.of(request);
        String authId = body.text("authId", "auth_id").orElseThrow(() -> DomainException.invalid("authId is required"));
        String user = body.text("user").orElseThrow(() -> DomainException.invalid("user is required"));
        decideRegistration(authId, user, principal.auditContext());
        return empty();
    }

    private PendingRegistrations.Outcome decideRegistration(String authId, String userName, AuditContext by) {
        UserView user = users.resolve(userName);
        return pending.decide(authId, new PendingRegistrations.Decision.Approved(user.id(), by));
    }

    /** As in Headscale 0.29, an auth id may also name a held SSH session's check: approving it lets the session in. */
    private HttpReply authApprove(HttpRequestContext request, Principal principal) {
        String authId = RequestBody.of(request).text("authId", "auth_id").orElseThrow(() -> DomainException.invalid("authId is required"));
        if (isSshCheck(authId)) {
            sshCheckDecider.decide(authId, true, principal.auditContext());
        } else {
            pending.decide(authId, new PendingRegistrations.Decision.Confirmed(principal.auditContext()));
        }
        return empty();
    }

    private HttpReply authReject(HttpRequestContext request, Principal principal) {
        String authId = RequestBody.of(request).text("authId", "auth_id").orElseThrow(() -> DomainException.invalid("authId is required"));
        if (isSshCheck(authId)) {
            sshCheckDecider.decide(authId, false, principal.auditContext());
        } else {
            pending.decide(authId, new PendingRegistrations.Decision.Rejected(principal.auditContext()));
        }
        return empty();
    }

    private boolean isSshCheck(String authId) {
        return SshChecks.isCheckId(authId) && sshChecks.find(authId).isPresent();
    }

    /**
     * Before the first policy, Headscale's answer (a gRPC Unknown error, HTTP 500, "acl policy not found"): tools
     * recognise it, and Headplane's policy page opens an empty, writable editor on it.
     */
    private HttpReply getPolicy(HttpRequestContext request, Principal principal) {
        return reading(request, r -> policyJson(r.reads().policy().orElseThrow(() -> new ErrorReplies.UnknownStatusException(
                "loading ACL from database: acl policy not found"))));
    }

    /**
     * An absent or empty {@code policy} is Headscale's empty policy: none, so every node may reach every other
     * (Terraform's destroy sets it). While a file is the policy, refused as Headscale refuses it.
     */
    private HttpReply setPolicy(HttpRequestContext request, Principal principal) {
        String text = RequestBody.of(request).text("policy").orElse("");
        if (policyWrites == PolicyWrites.FILE_MODE) {
            throw new ErrorReplies.UnknownStatusException("update is disabled for modes other than 'database'");
        }
        try {
            return ok(policyJson(policy.set(text, principal.auditContext())));
        } catch (PolicyRejectedException rejected) {
            throw new ErrorReplies.WordedAsHeadscale(rejected, "setting policy: parsing policy from bytes: " + rejected.getMessage());
        }
    }

    private HttpReply checkPolicy(HttpRequestContext request, Principal principal) {
        String text = RequestBody.of(request).text("policy").orElseThrow(() -> DomainException.invalid("policy is required"));
        policy.check(text);
        return empty();
    }

    private static ObjectNode policyJson(PolicyView view) {
        ObjectNode json = ApiJson.MAPPER.createObjectNode();
        json.put("policy", view.text());
        json.put("updatedAt", ApiJson.time(view.updatedAt()));
        json.put("version", view.version());
        json.put("sha256", view.sha256());
        return json;
    }
}
