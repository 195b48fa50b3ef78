package dev.chronoscale.admin.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.node.PeerService;
import dev.chronoscale.domain.node.RegisterMethod;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a Headscale database (SQLite or PostgreSQL, the schemas of 0.23 to 0.29) into an {@link ImportPlan}. The
 * schema is recognised by its columns, not by a version number, since Headscale's migrations renamed and moved
 * things: routes lived in a {@code routes} table until 0.26 ({@code approved_routes} on the node since),
 * {@code forced_tags} became {@code tags} in 0.28, pre-auth keys were stored in plain text until 0.28 (a prefix and a
 * bcrypt hash since, legacy keys keeping their plain text), and their tags were a table of their own before 0.24.
 * Soft-deleted rows ({@code deleted_at} set) are not carried. Nothing is written to the source.
 */
public final class HeadscaleDatabase {

    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Headscale before 0.29 wrote Go's zero time (year 1) for "no expiry". Any expiry before this is taken as none, as
     * Headscale's own migration 202605221435 does: PostgreSQL's driver hands year 1 back in the Julian calendar
     * (0000-12-30T00:00:00Z), so comparing with the zero time itself would make such a node expired.
     */
    private static final Instant NO_EXPIRY_BEFORE = Instant.parse("1900-01-01T00:00:00Z");

    private final Connection connection;
    private final String source;

    public HeadscaleDatabase(Connection connection, String source) {
        this.connection = connection;
        this.source = source;
    }

    public ImportPlan read() {
        try {
            if (!hasTable("users") || !hasTable("nodes")) {
                throw DomainException.invalid(source + " is not a Headscale database (it has no users and nodes tables)");
            }
            List<String> notCarried = new ArrayList<>();
            List<ImportPlan.User> users = users();
            Map<Long, List<String>> keyTags = preAuthKeyTags();
            Map<Long, Long> firstNodeOfKey = new HashMap<>();
            Map<Long, Boolean> ephemeralKeys = new HashMap<>();
            List<ImportPlan.PreAuthKey> keys = preAuthKeys(keyTags, ephemeralKeys, notCarried);
            List<String> notes = new ArrayList<>();
            List<ImportPlan.Node> nodes = nodes(keyTags, ephemeralKeys, notes);
            nodes.forEach(n -> {
                if (n.preAuthKeyId() != null) {
                    firstNodeOfKey.merge(n.preAuthKeyId(), n.id(), Math::min);
                }
            });
            // Headscale marks only single-use keys used; here a key is used once any node registered with it.
            keys = keys.stream().map(k -> k.usedByNode() == null && !firstNodeOfKey.containsKey(k.id()) ? k
                    : new ImportPlan.PreAuthKey(k.id(), k.userId(), k.prefix(), k.secretHash(), k.reusable(),
                    k.ephemeral(), k.expiration(), k.aclTags(), firstNodeOfKey.getOrDefault(k.id(), 0L),
                    k.createdAt())).toList();
            return new ImportPlan(source, schema(), users, nodes, keys, apiKeys(), policy(), notCarried, notes);
        } catch (SQLException e) {
            throw DomainException.invalid("cannot read " + source + ": " + e.getMessage());
        }
    }

    /** The source's last migration, which names its schema. */
    private String schema() throws SQLException {
        if (!hasTable("migrations")) {
            return "unknown";
        }
        String last = "unknown";
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT id FROM migrations")) {
            while (rows.next()) {
                String id = rows.getString(1);
                if (last.equals("unknown") || sortKey(id).compareTo(sortKey(last)) > 0) {
                    last = id;
                }
            }
        }
        return last;
    }

    /** Migration ids start with a date and time (one has a digit too many): compare those twelve digits first. */
    private static String sortKey(String id) {
        return id.length() >= 12 ? id.substring(0, 12) + "|" + id : id;
    }

    private List<ImportPlan.User> users() throws SQLException {
        Set<String> columns = columns("users");
        List<ImportPlan.User> users = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM users"
                + (columns.contains("deleted_at") ? " WHERE deleted_at IS NULL" : "") + " ORDER BY id")) {
            while (rows.next()) {
                users.add(new ImportPlan.User(rows.getLong("id"), rows.getString("name"),
                        optional(rows, columns, "display_name"), optional(rows, columns, "email"),
                        optional(rows, columns, "provider_identifier"), optional(rows, columns, "profile_pic_url"),
                        time(rows, "created_at")));
            }
        }
        return users;
    }

    /** Before 0.24 a key's tags were rows of {@code pre_auth_key_acl_tags}; since, a JSON column. */
    private Map<Long, List<String>> preAuthKeyTags() throws SQLException {
        Map<Long, List<String>> tags = new HashMap<>();
        if (!hasTable("pre_auth_keys")) {
            return tags;
        }
        if (columns("pre_auth_keys").contains("tags")) {
            try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT id, tags FROM pre_auth_keys")) {
                while (rows.next()) {
                    tags.put(rows.getLong(1), stringList(rows.getString(2)));
                }
            }
        } else if (hasTable("pre_auth_key_acl_tags")) {
            try (Statement s = connection.createStatement();
                 ResultSet rows = s.executeQuery("SELECT pre_auth_key_id, tag FROM pre_auth_key_acl_tags ORDER BY id")) {
                while (rows.next()) {
                    tags.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return tags;
    }

    private List<ImportPlan.PreAuthKey> preAuthKeys(Map<Long, List<String>> tags, Map<Long, Boolean> ephemeral,
                                                    List<String> notCarried) throws SQLException {
        List<ImportPlan.PreAuthKey> keys = new ArrayList<>();
        if (!hasTable("pre_auth_keys")) {
            return keys;
        }
        Set<String> columns = columns("pre_auth_keys");
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM pre_auth_keys ORDER BY id")) {
            while (rows.next()) {
                long id = rows.getLong("id");
                ephemeral.put(id, rows.getBoolean("ephemeral"));
                String prefix;
                String hash;
                String storedPrefix = optional(rows, columns, "prefix");
                byte[] storedHash = columns.contains("hash") ? rows.getBytes("hash") : null;
                if (storedPrefix != null && !storedPrefix.isEmpty() && storedHash != null && storedHash.length > 0) {
                    prefix = storedPrefix;
                    hash = new String(storedHash, StandardCharsets.US_ASCII);
                } else {
                    var legacy = SecretKey.legacyPreAuthKey(optional(rows, columns, "key"));
                    if (legacy.isEmpty()) {
                        notCarried.add("pre-auth key " + id + ": neither a prefix and hash nor a plain key of Headscale's shape");
                        continue;
                    }
                    prefix = legacy.get().prefix();
                    hash = legacy.get().secretHash();
                }
                Long user = rows.getLong("user_id");
                if (rows.wasNull()) {
                    user = null;
                }
                boolean used = rows.getBoolean("used");
                keys.add(new ImportPlan.PreAuthKey(id, user, prefix, hash, rows.getBoolean("reusable"),
                        rows.getBoolean("ephemeral"), time(rows, "expiration"), tags.getOrDefault(id, List.of()),
                        used ? 0L : null, time(rows, "created_at")));
            }
        }
        return keys;
    }

    private List<ImportPlan.Node> nodes(Map<Long, List<String>> keyTags, Map<Long, Boolean> ephemeralKeys,
                                        List<String> notes) throws SQLException {
        Set<String> columns = columns("nodes");
        Map<Long, List<String>> routeTableApproved = new HashMap<>();
        Map<Long, List<String>> routeTableAdvertised = new HashMap<>();
        if (!columns.contains("approved_routes") && hasTable("routes")) {
            Set<String> routeColumns = columns("routes");
            try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM routes"
                    + (routeColumns.contains("deleted_at") ? " WHERE deleted_at IS NULL" : "") + " ORDER BY id")) {
                while (rows.next()) {
                    long node = rows.getLong("node_id");
                    String prefix = rows.getString("prefix");
                    if (rows.getBoolean("advertised")) {
                        routeTableAdvertised.computeIfAbsent(node, n -> new ArrayList<>()).add(prefix);
                    }
                    if (rows.getBoolean("enabled")) {
                        routeTableApproved.computeIfAbsent(node, n -> new ArrayList<>()).add(prefix);
                    }
                }
            }
        }
        String tagColumn = columns.contains("tags") ? "tags" : columns.contains("forced_tags") ? "forced_tags" : null;
        // Headscale 0.26 and 0.27 counted the tags of the key a node registered with as the node's, besides its forced
        // tags. Before, registration copied the key's tags into the forced tags, which `headscale nodes tag` replaces,
        // and only those counted; since 0.28 the same holds of the tags column.
        boolean keyTagsAreNodeTags = columns.contains("forced_tags") && columns.contains("approved_routes");
        List<ImportPlan.Node> nodes = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM nodes"
                + (columns.contains("deleted_at") ? " WHERE deleted_at IS NULL" : "") + " ORDER BY id")) {
            while (rows.next()) {
                long id = rows.getLong("id");
                JsonNode hostinfo = json(optional(rows, columns, "host_info"));
                Long keyId = rows.getLong("auth_key_id");
                if (rows.wasNull()) {
                    keyId = null;
                }
                Set<String> tags = new LinkedHashSet<>(tagColumn == null ? List.of() : stringList(rows.getString(tagColumn)));
                if (keyId != null && keyTagsAreNodeTags) {
                    tags.addAll(keyTags.getOrDefault(keyId, List.of()));
                }
                Long user = rows.getLong("user_id");
                if (rows.wasNull() || !tags.isEmpty()) {
                    // A tagged node is owned by its tags, as it is here and in Headscale 0.28+.
                    user = null;
                }
                List<String> advertised = columns.contains("approved_routes")
                        ? textList(hostinfo.path("RoutableIPs")) : routeTableAdvertised.getOrDefault(id, List.of());
                List<String> approved = columns.contains("approved_routes")
                        ? stringList(rows.getString("approved_routes")) : routeTableApproved.getOrDefault(id, List.of());
                // Before 0.28 the tags a client asked for (--advertise-tags) lived only in its Hostinfo, granted anew
                // by the policy's tagOwners each time; 0.28's migration moved the granted ones into the tags column.
                if (!tagColumnIsTheTruth(columns)) {
                    List<String> requested = textList(hostinfo.path("RequestTags")).stream()
                            .filter(tag -> !tags.contains(tag)).toList();
                    if (!requested.isEmpty()) {
                        notes.add("node " + id + " '" + rows.getString("given_name") + "': the tags its client requested, "
                                + String.join(", ", requested) + ", which Headscale granted as its policy's tagOwners"
                                + " allowed, are not carried; give them with nodes tag -i " + id + " -t "
                                + String.join(",", requested));
                    }
                }
                Instant expiry = time(rows, "expiry");
                nodes.add(new ImportPlan.Node(id, rows.getString("machine_key"), rows.getString("node_key"),
                        optional(rows, columns, "disco_key"), user, List.copyOf(tags), rows.getString("hostname"),
                        rows.getString("given_name"), optional(rows, columns, "ipv4"), optional(rows, columns, "ipv6"),
                        expiry != null && expiry.isBefore(NO_EXPIRY_BEFORE) ? null : expiry,
                        keyId != null && ephemeralKeys.getOrDefault(keyId, false), keyId,
                        registerMethod(optional(rows, columns, "register_method")), advertised, approved,
                        stringList(optional(rows, columns, "endpoints")), text(hostinfo, "OS"),
                        text(hostinfo, "OSVersion"), text(hostinfo, "IPNVersion"), peerServices(hostinfo.path("Services")),
                        time(rows, "created_at")));
            }
        }
        return nodes;
    }

    /** Since 0.28 a node's tags column holds every tag it has; before, requested tags were granted on the fly. */
    private static boolean tagColumnIsTheTruth(Set<String> nodeColumns) {
        return nodeColumns.contains("tags");
    }

    private List<ImportPlan.ApiKey> apiKeys() throws SQLException {
        List<ImportPlan.ApiKey> keys = new ArrayList<>();
        if (!hasTable("api_keys")) {
            return keys;
        }
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT * FROM api_keys ORDER BY id")) {
            while (rows.next()) {
                byte[] hash = rows.getBytes("hash");
                keys.add(new ImportPlan.ApiKey(rows.getLong("id"), rows.getString("prefix"),
                        hash == null ? null : new String(hash, StandardCharsets.US_ASCII), time(rows, "expiration"),
                        time(rows, "created_at")));
            }
        }
        return keys;
    }

    /** The policy of {@code policy.mode: database}; null when the source kept its policy in a file. */
    private String policy() throws SQLException {
        if (!hasTable("policies")) {
            return null;
        }
        Set<String> columns = columns("policies");
        try (Statement s = connection.createStatement(); ResultSet rows = s.executeQuery("SELECT data FROM policies"
                + (columns.contains("deleted_at") ? " WHERE deleted_at IS NULL" : "") + " ORDER BY id DESC")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static RegisterMethod registerMethod(String text) {
        return switch (text == null ? "" : text.toLowerCase(Locale.ROOT)) {
            case "authkey" -> RegisterMethod.AUTH_KEY;
            case "oidc" -> RegisterMethod.OIDC;
            default -> RegisterMethod.CLI;
        };
    }

    private boolean hasTable(String table) throws SQLException {
        try (ResultSet tables = connection.getMetaData().getTables(null, null, table, null)) {
            return tables.next();
        }
    }

    private Set<String> columns(String table) throws SQLException {
        Set<String> columns = new HashSet<>();
        try (ResultSet rows = connection.getMetaData().getColumns(null, null, table, null)) {
            while (rows.next()) {
                columns.add(rows.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return columns;
    }

    private static String optional(ResultSet rows, Set<String> columns, String column) throws SQLException {
        return columns.contains(column) ? rows.getString(column) : null;
    }

    /** SQLite keeps times as text ({@code 2026-12-02 16:26:43.9295+00:00}); PostgreSQL as timestamps. */
    private static Instant time(ResultSet rows, String column) throws SQLException {
        Object value = rows.getObject(column);
        if (value == null) {
            return null;
        }
        if (value instanceof Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.replaceFirst(" ", "T").replaceFirst(" ", "")).toInstant();
        } catch (RuntimeException e) {
            throw DomainException.invalid("column " + column + " holds '" + text + "', which is not a time");
        }
    }

    private static JsonNode json(String text) {
        if (text == null || text.isBlank()) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.missingNode();
        }
    }

    private static List<String> stringList(String text) {
        return textList(json(text));
    }

    private static List<String> textList(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isArray()) {
            array.forEach(v -> values.add(v.asText()));
        }
        return values;
    }

    /** Only the peer API's services are kept, as for a client's own reports. */
    private static List<PeerService> peerServices(JsonNode services) {
        List<PeerService> kept = new ArrayList<>();
        for (JsonNode service : services) {
            String proto = service.path("Proto").asText();
            if (PeerService.PROTOS.contains(proto) && service.path("Port").canConvertToInt()) {
                kept.add(new PeerService(proto, service.path("Port").asInt()));
            }
        }
        return kept;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? value.asText() : null;
    }
}
