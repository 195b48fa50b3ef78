package dev.chronoscale.admin.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Headscale's REST JSON (grpc-gateway with protojson defaults): lowerCamelCase names, every field
 * present, ids as strings, RFC 3339 UTC timestamps, enum names, {@code null} for absent messages.
 */
final class ApiJson {

    static final ObjectMapper MAPPER = new ObjectMapper();
    /** The user Headscale shows as the owner of tagged nodes. */
    static final long TAGGED_DEVICES_ID = 2147455555L;

    private ApiJson() {
    }

    static ObjectNode user(UserView user) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(user.id()));
        json.put("name", user.name());
        json.put("createdAt", time(user.createdAt()));
        json.put("displayName", nullToEmpty(user.displayName()));
        json.put("email", nullToEmpty(user.email()));
        // As Headscale: an identity provider's user is known by "<issuer>/<subject>", and its provider is "oidc".
        json.put("providerId", nullToEmpty(user.providerIdentifier()));
        json.put("provider", user.providerIdentifier() == null ? "" : "oidc");
        json.put("profilePicUrl", nullToEmpty(user.profilePicUrl()));
        // Not in Headscale's User message: the roles the user holds, and which of them the identity provider gave.
        UserRole.wireNames(user.roles()).forEach(json.putArray("roles")::add);
        UserRole.wireNames(user.idpRoles()).forEach(json.putArray("idpRoles")::add);
        return json;
    }

    static ObjectNode taggedDevices() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(TAGGED_DEVICES_ID));
        json.put("name", "tagged-devices");
        json.put("createdAt", "0001-01-01T00:00:00Z");
        json.put("displayName", "Tagged Devices");
        json.put("email", "");
        json.put("providerId", "");
        json.put("provider", "");
        json.put("profilePicUrl", "");
        return json;
    }

    static ObjectNode preAuthKey(PreAuthKeyView key, Optional<UserView> owner, Optional<String> fullKey) {
        ObjectNode json = MAPPER.createObjectNode();
        if (owner.isPresent()) {
            json.set("user", user(owner.get()));
        } else {
            json.putNull("user");
        }
        json.put("id", Long.toString(key.id()));
        json.put("key", fullKey.orElse(SecretKey.masked(SecretKey.PREAUTH_MARKER, key.prefix())));
        json.put("reusable", key.reusable());
        json.put("ephemeral", key.ephemeral());
        json.put("used", key.used());
        json.put("expiration", time(key.expiration()));
        json.put("createdAt", time(key.createdAt()));
        strings(json.putArray("aclTags"), key.aclTags());
        // Not Headscale's: whether the key's nodes skip device approval.
        json.put("preApproved", key.preApproved());
        return json;
    }

    static ObjectNode apiKey(ApiKeyView key, Optional<Instant> lastSeen) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(key.id()));
        json.put("prefix", SecretKey.masked(SecretKey.API_MARKER, key.prefix()));
        json.put("expiration", time(key.expiration()));
        json.put("createdAt", time(key.createdAt()));
        putTime(json, "lastSeen", lastSeen);
        // Not in Headscale's ApiKey message; absent for a key with full access.
        key.role().ifPresent(role -> json.put("role", role.wireName()));
        return json;
    }

    /**
     * A node as Headscale 0.28 lists it: a tagged node is owned by {@code tagged-devices} and its tags are
     * {@code tags}. Headscale 0.26's {@code forcedTags}, {@code validTags} and {@code invalidTags} are kept for the
     * tools that still read them: every tag is one the server applied, so all are forced.
     */
    static ObjectNode node(NodeView node, LongFunction<Optional<UserView>> users,
                           LongFunction<Optional<PreAuthKeyView>> keys, boolean online, Optional<Instant> lastSeen) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("id", Long.toString(node.id()));
        json.put("machineKey", node.machineKey());
        json.put("nodeKey", node.nodeKey());
        json.put("discoKey", node.discoKey().orElse(""));
        ArrayNode ips = json.putArray("ipAddresses");
        node.ipv4().ifPresent(ips::add);
        node.ipv6().ifPresent(ips::add);
        json.put("name", node.hostname());
        json.set("user", node.tags().isEmpty()
                ? node.userId().flatMap(users::apply).<JsonNode>map(ApiJson::user).orElse(MAPPER.nullNode())
                : taggedDevices());
        putTime(json, "lastSeen", lastSeen);
        putTime(json, "expiry", node.expiry());
        Optional<PreAuthKeyView> key = node.preAuthKeyId().flatMap(keys::apply);
        json.set("preAuthKey", key.<JsonNode>map(k -> preAuthKey(k, k.userId().flatMap(users::apply), Optional.empty()))
                .orElse(MAPPER.nullNode()));
        json.put("createdAt", time(node.createdAt()));
        json.put("registerMethod", "REGISTER_METHOD_" + node.registerMethod().name());
        json.put("givenName", node.givenName());
        json.put("online", online);
        strings(json.putArray("approvedRoutes"), node.approvedRoutes());
        strings(json.putArray("availableRoutes"), node.advertisedRoutes());
        strings(json.putArray("subnetRoutes"), node.servedRoutes());
        strings(json.putArray("tags"), node.tags());
        strings(json.putArray("forcedTags"), node.tags());
        json.putArray("validTags");
        json.putArray("invalidTags");
        // Not Headscale's: device approval, one of approved, pending, refused.
        json.put("approval", node.approval().name().toLowerCase(java.util.Locale.ROOT));
        return json;
    }

    static <T> ObjectNode list(String field, Collection<T> items, Function<T, ObjectNode> render) {
        ObjectNode json = MAPPER.createObjectNode();
        ArrayNode array = json.putArray(field);
        items.forEach(item -> array.add(render.apply(item)));
        return json;
    }

    static ObjectNode wrap(String field, JsonNode value) {
        ObjectNode json = MAPPER.createObjectNode();
        json.set(field, value);
        return json;
    }

    static String time(Instant instant) {
        return instant.toString();
    }

    static void putTime(ObjectNode json, String field, Optional<Instant> instant) {
        if (instant.isPresent()) {
            json.put(field, time(instant.get()));
        } else {
            json.putNull(field);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
