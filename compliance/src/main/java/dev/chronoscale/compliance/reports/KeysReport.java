package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.TableBuilder;
import dev.chronoscale.compliance.trail.TrailRecord;
import dev.chronoscale.history.InventoryAt;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The keys at an instant: node keys (age since the last rotation, or since registration; expiry; nodes whose expiry is
 * disabled), pre-auth keys (reusable, ephemeral, tagged; unexpired ones flagged) and API keys (age, expiry). Keys that
 * breach a threshold come first. Keys are named by their public part or prefix, never by a secret.
 */
final class KeysReport {

    private final ReportSources sources;

    KeysReport(ReportSources sources) {
        this.sources = sources;
    }

    Report build(ReportHeader header) {
        Instant at = header.to();
        int maxAge = sources.thresholds().keyMaxAgeDays();
        Map<String, TrailRecord> rotations = sources.trail().latestByTarget("node.key_rotated", at);
        try (InventoryAt inventory = sources.history().inventoryAt(at)) {
            InventoryQueries queries = inventory.queries();
            Map<Long, String> users = queries.users().stream().collect(Collectors.toMap(UserView::id, UserView::name));

            record NodeKey(NodeView node, Instant since, Optional<Instant> rotated, long age, List<String> flags) {
            }
            List<NodeKey> nodeKeys = new ArrayList<>();
            for (NodeView node : queries.nodes()) {
                Optional<Instant> rotated = Optional.ofNullable(rotations.get(String.valueOf(node.id()))).map(TrailRecord::time);
                Instant since = rotated.orElse(node.createdAt());
                long age = Durations.days(since, at);
                List<String> flags = new ArrayList<>();
                if (age > maxAge) {
                    flags.add("older than " + maxAge + " days");
                }
                if (node.expiry().isEmpty()) {
                    flags.add("expiry disabled");
                } else if (!node.expiry().get().isAfter(at)) {
                    flags.add("expired");
                }
                nodeKeys.add(new NodeKey(node, since, rotated, age, flags));
            }
            nodeKeys.sort(Comparator.comparing((NodeKey k) -> k.flags().isEmpty()).thenComparing(NodeKey::age, Comparator.reverseOrder())
                    .thenComparing(k -> k.node().id()));
            TableBuilder nodes = new TableBuilder("node-keys", "Node keys",
                    "Each node's current key: its age counts from its last rotation, or from registration when it was never "
                            + "rotated. Keys that breach a threshold come first.",
                    "Node id", "Node", "Owner", "Node key", "Registered", "Last rotation", "Age (days)", "Expiry", "Flags");
            for (NodeKey key : nodeKeys) {
                NodeView node = key.node();
                nodes.row(node.id(), node.givenName(), owner(node, users), shortKey(node.nodeKey()), node.createdAt(),
                        key.rotated().map(Instant::toString).orElse("never"), key.age(),
                        node.expiry().map(Instant::toString).orElse("disabled"), key.flags());
            }

            record AuthKey(PreAuthKeyView key, List<String> flags) {
            }
            List<AuthKey> authKeys = new ArrayList<>();
            for (PreAuthKeyView key : queries.preAuthKeys()) {
                List<String> flags = new ArrayList<>();
                boolean unexpired = key.expiration().isAfter(at);
                if (unexpired && (key.reusable() || !key.used())) {
                    flags.add(key.reusable() ? "unexpired and reusable" : "unexpired and unused");
                }
                if (unexpired && Durations.days(key.createdAt(), key.expiration()) > maxAge) {
                    flags.add("valid for more than " + maxAge + " days");
                }
                authKeys.add(new AuthKey(key, flags));
            }
            authKeys.sort(Comparator.comparing((AuthKey k) -> k.flags().isEmpty()).thenComparing(k -> k.key().id()));
            TableBuilder preAuth = new TableBuilder("preauth-keys", "Pre-auth keys",
                    "An unexpired key that can still register a node (reusable, or not used yet) is flagged.",
                    "Key id", "Prefix", "User", "Reusable", "Ephemeral", "Tags", "Created", "Expiration", "Used", "State", "Flags");
            for (AuthKey authKey : authKeys) {
                PreAuthKeyView key = authKey.key();
                preAuth.row(key.id(), key.prefix(), key.userId().map(u -> users.getOrDefault(u, "user " + u)).orElse("none (tags)"), yesNo(key.reusable()),
                        yesNo(key.ephemeral()), key.aclTags(), key.createdAt(), key.expiration(), yesNo(key.used()),
                        key.expiration().isAfter(at) ? "valid" : "expired", authKey.flags());
            }

            List<ApiKeyView> apiKeyViews = new ArrayList<>(queries.apiKeys());
            Function<ApiKeyView, List<String>> apiFlags = key -> {
                List<String> flags = new ArrayList<>();
                if (key.expiration().isAfter(at) && Durations.days(key.createdAt(), at) > maxAge) {
                    flags.add("older than " + maxAge + " days");
                }
                if (key.expiration().isAfter(at) && Durations.days(at, key.expiration()) > 365) {
                    flags.add("expires more than a year ahead");
                }
                return flags;
            };
            apiKeyViews.sort(Comparator.comparing((ApiKeyView k) -> apiFlags.apply(k).isEmpty()).thenComparing(ApiKeyView::id));
            TableBuilder api = new TableBuilder("api-keys", "API keys",
                    "Administrators' keys. When a key was last used is not recorded by this version.",
                    "Key id", "Prefix", "Created", "Age (days)", "Expiration", "State", "Last used", "Flags");
            for (ApiKeyView key : apiKeyViews) {
                api.row(key.id(), key.prefix(), key.createdAt(), Durations.days(key.createdAt(), at), key.expiration(),
                        key.expiration().isAfter(at) ? "valid" : "expired", "not recorded", apiFlags.apply(key));
            }

            long oldNodeKeys = nodeKeys.stream().filter(k -> k.age() > maxAge).count();
            long noExpiry = nodeKeys.stream().filter(k -> k.node().expiry().isEmpty()).count();
            long flaggedAuth = authKeys.stream().filter(k -> !k.flags().isEmpty()).count();
            List<Report.Figure> summary = List.of(
                    new Report.Figure("Nodes", String.valueOf(nodeKeys.size())),
                    new Report.Figure("Node keys older than " + maxAge + " days", String.valueOf(oldNodeKeys)),
                    new Report.Figure("Nodes with key expiry disabled", String.valueOf(noExpiry)),
                    new Report.Figure("Pre-auth keys", String.valueOf(authKeys.size())),
                    new Report.Figure("Pre-auth keys flagged", String.valueOf(flaggedAuth)),
                    new Report.Figure("API keys", String.valueOf(apiKeyViews.size())),
                    new Report.Figure("API keys valid at the instant",
                            String.valueOf(apiKeyViews.stream().filter(k -> k.expiration().isAfter(at)).count())));
            return new Report(header, summary, List.of(nodes.build(), preAuth.build(), api.build()));
        }
    }

    static String owner(NodeView node, Map<Long, String> users) {
        if (!node.tags().isEmpty()) {
            return String.join(", ", node.tags());
        }
        return node.userId().map(id -> users.getOrDefault(id, "user " + id)).orElse("");
    }

    /** A public key's type and first 16 hex digits: enough to match it, short enough to read. */
    static String shortKey(String key) {
        int colon = key.indexOf(':');
        int end = Math.min(key.length(), colon + 1 + 16);
        return end < key.length() ? key.substring(0, end) + "…" : key;
    }

    static String yesNo(boolean value) {
        return value ? "yes" : "no";
    }
}
