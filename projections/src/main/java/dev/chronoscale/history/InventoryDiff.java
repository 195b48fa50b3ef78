package dev.chronoscale.history;

import dev.chronoscale.history.EntityChange.FieldChange;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * What differs between the inventory at two instants: users, nodes (renamed, re-tagged, re-keyed, expired, routes
 * advertised and approved, moved to another user), pre-auth keys and API keys, each added, removed or changed.
 */
public final class InventoryDiff {

    private InventoryDiff() {
    }

    public static List<EntityChange> between(InventoryQueries before, InventoryQueries after) {
        List<EntityChange> changes = new ArrayList<>();
        compare(changes, "user", before.users(), after.users(), UserView::id, UserView::name, InventoryDiff::userFields);
        compare(changes, "node", before.nodes(), after.nodes(), NodeView::id, NodeView::givenName, InventoryDiff::nodeFields);
        compare(changes, "preauthkey", before.preAuthKeys(), after.preAuthKeys(), PreAuthKeyView::id, PreAuthKeyView::prefix,
                InventoryDiff::preAuthKeyFields);
        compare(changes, "apikey", before.apiKeys(), after.apiKeys(), ApiKeyView::id, ApiKeyView::prefix,
                InventoryDiff::apiKeyFields);
        return changes;
    }

    private static <T> void compare(List<EntityChange> out, String kind, List<T> before, List<T> after,
                                    Function<T, Long> id, Function<T, String> name, Function<T, Map<String, String>> fields) {
        Map<Long, T> then = index(before, id);
        Map<Long, T> now = index(after, id);
        TreeSet<Long> ids = new TreeSet<>(then.keySet());
        ids.addAll(now.keySet());
        for (long key : ids) {
            T old = then.get(key);
            T current = now.get(key);
            Map<String, String> oldFields = old == null ? Map.of() : fields.apply(old);
            Map<String, String> newFields = current == null ? Map.of() : fields.apply(current);
            List<FieldChange> differing = new ArrayList<>();
            for (String field : (current == null ? oldFields : newFields).keySet()) {
                String a = oldFields.get(field);
                String b = newFields.get(field);
                if (!Objects.equals(a, b)) {
                    differing.add(new FieldChange(field, a, b));
                }
            }
            if (old == null) {
                out.add(new EntityChange(kind, key, name.apply(current), "added", differing));
            } else if (current == null) {
                out.add(new EntityChange(kind, key, name.apply(old), "removed", differing));
            } else if (!differing.isEmpty()) {
                out.add(new EntityChange(kind, key, name.apply(current), "changed", differing));
            }
        }
    }

    private static <T> Map<Long, T> index(List<T> items, Function<T, Long> id) {
        Map<Long, T> out = new LinkedHashMap<>();
        items.forEach(item -> out.put(id.apply(item), item));
        return out;
    }

    private static Map<String, String> userFields(UserView user) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("name", user.name());
        out.put("displayName", user.displayName());
        out.put("email", user.email());
        out.put("profilePicUrl", user.profilePicUrl());
        return out;
    }

    private static Map<String, String> nodeFields(NodeView node) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("givenName", node.givenName());
        out.put("hostname", node.hostname());
        out.put("user", node.userId().map(String::valueOf).orElse(null));
        out.put("tags", String.join(",", node.tags()));
        out.put("nodeKey", node.nodeKey());
        out.put("expiry", node.expiry().map(Object::toString).orElse(null));
        out.put("ipv4", node.ipv4().orElse(null));
        out.put("ipv6", node.ipv6().orElse(null));
        out.put("advertisedRoutes", String.join(",", node.advertisedRoutes()));
        out.put("approvedRoutes", String.join(",", node.approvedRoutes()));
        return out;
    }

    private static Map<String, String> preAuthKeyFields(PreAuthKeyView key) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("user", key.userId().map(String::valueOf).orElse(null));
        out.put("reusable", String.valueOf(key.reusable()));
        out.put("ephemeral", String.valueOf(key.ephemeral()));
        out.put("used", String.valueOf(key.used()));
        out.put("expiration", key.expiration().toString());
        out.put("aclTags", String.join(",", key.aclTags()));
        return out;
    }

    private static Map<String, String> apiKeyFields(ApiKeyView key) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put("expiration", key.expiration().toString());
        return out;
    }
}
