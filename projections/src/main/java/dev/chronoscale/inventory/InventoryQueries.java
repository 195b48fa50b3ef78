package dev.chronoscale.inventory;

import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.user.NodeOwnership;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PolicyView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import dev.chronoscale.inventory.InventoryViews.UserView;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.util.List;
import java.util.Optional;

import static dev.chronoscale.inventory.SqlValues.instant;
import static dev.chronoscale.inventory.SqlValues.jsonList;
import static dev.chronoscale.inventory.SqlValues.list;
import static dev.chronoscale.inventory.SqlValues.optionalLong;

/** Reads of the inventory. Lists are ordered by id, as Headscale orders them. */
public class InventoryQueries implements NodeOwnership {

    private static final RowMapper<UserView> USER = (rs, n) -> new UserView(rs.getLong("id"), rs.getString("name"),
            rs.getString("display_name"), rs.getString("email"), instant(rs, "created_at"), rs.getString("profile_pic_url"),
            UserRole.parseAll(list(rs.getString("operator_roles"))), UserRole.parseAll(list(rs.getString("idp_roles"))),
            rs.getString("provider_identifier"), jsonList(rs.getString("idp_groups")));
    private static final RowMapper<NodeView> NODE = (rs, n) -> new NodeView(rs.getLong("id"),
            rs.getString("machine_key"), rs.getString("node_key"), optionalLong(rs, "user_id"), list(rs.getString("tags")),
            rs.getString("hostname"), rs.getString("given_name"), Optional.ofNullable(rs.getString("ipv4")),
            Optional.ofNullable(rs.getString("ipv6")), Optional.ofNullable(instant(rs, "expiry")),
            rs.getBoolean("ephemeral"), optionalLong(rs, "pre_auth_key_id"),
            RegisterMethod.valueOf(rs.getString("register_method")), list(rs.getString("advertised_routes")),
            list(rs.getString("approved_routes")), instant(rs, "created_at"),
            Optional.ofNullable(rs.getString("disco_key")), Optional.ofNullable(instant(rs, "last_seen")),
            NodeApproval.valueOf(rs.getString("approval")));
    private static final RowMapper<PreAuthKeyView> PREAUTH_KEY = (rs, n) -> new PreAuthKeyView(rs.getLong("id"),
            optionalLong(rs, "user_id"), rs.getString("prefix"), rs.getString("secret_hash"), rs.getBoolean("reusable"),
            rs.getBoolean("ephemeral"), rs.getBoolean("used"), instant(rs, "expiration"), list(rs.getString("acl_tags")),
            instant(rs, "created_at"), rs.getBoolean("pre_approved"));
    private static final RowMapper<ApiKeyView> API_KEY = (rs, n) -> new ApiKeyView(rs.getLong("id"),
            rs.getString("prefix"), rs.getString("secret_hash"), instant(rs, "expiration"), instant(rs, "created_at"),
            Optional.ofNullable(rs.getString("role")).map(UserRole::parse));

    private final JdbcTemplate jdbc;

    public InventoryQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<UserView> users() {
        return jdbc.query("SELECT * FROM inv_user ORDER BY id", USER);
    }

    public Optional<UserView> user(long id) {
        return jdbc.query("SELECT * FROM inv_user WHERE id = ?", USER, id).stream().findFirst();
    }

    public Optional<UserView> userByName(String name) {
        return jdbc.query("SELECT * FROM inv_user WHERE name = ?", USER, name).stream().findFirst();
    }

    /** The user an identity provider knows as {@code providerIdentifier} ({@code <issuer>/<subject>}). */
    public Optional<UserView> userByProviderIdentifier(String providerIdentifier) {
        return jdbc.query("SELECT * FROM inv_user WHERE provider_identifier = ? ORDER BY id", USER, providerIdentifier)
                .stream().findFirst();
    }

    /** Users linked to an identity provider whose identifiers start with {@code issuerPrefix} ({@code <issuer>/}). */
    public List<UserView> usersOfProvider(String issuerPrefix) {
        return jdbc.query("SELECT * FROM inv_user WHERE provider_identifier LIKE ? ESCAPE '!' ORDER BY id", USER,
                issuerPrefix.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
    }

    public List<UserView> usersByEmail(String email) {
        return jdbc.query("SELECT * FROM inv_user WHERE email = ? ORDER BY id", USER, email);
    }

    public List<NodeView> nodes() {
        return jdbc.query("SELECT * FROM inv_node ORDER BY id", NODE);
    }

    public List<NodeView> nodesOf(long userId) {
        return jdbc.query("SELECT * FROM inv_node WHERE user_id = ? ORDER BY id", NODE, userId);
    }

    public Optional<NodeView> node(long id) {
        return jdbc.query("SELECT * FROM inv_node WHERE id = ?", NODE, id).stream().findFirst();
    }

    public Optional<NodeView> nodeByMachineKey(String machineKey) {
        return jdbc.query("SELECT * FROM inv_node WHERE machine_key = ?", NODE, machineKey).stream().findFirst();
    }

    public Optional<NodeView> nodeByNodeKey(String nodeKey) {
        return jdbc.query("SELECT * FROM inv_node WHERE node_key = ?", NODE, nodeKey).stream().findFirst();
    }

    @Override
    public long nodesOwnedBy(long userId) {
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM inv_node WHERE user_id = ?", Long.class, userId);
        return count == null ? 0 : count;
    }

    public List<PreAuthKeyView> preAuthKeys() {
        return jdbc.query("SELECT * FROM inv_preauth_key ORDER BY id", PREAUTH_KEY);
    }

    public Optional<PreAuthKeyView> preAuthKey(long id) {
        return jdbc.query("SELECT * FROM inv_preauth_key WHERE id = ?", PREAUTH_KEY, id).stream().findFirst();
    }

    public Optional<PreAuthKeyView> preAuthKeyByPrefix(String prefix) {
        return jdbc.query("SELECT * FROM inv_preauth_key WHERE prefix = ?", PREAUTH_KEY, prefix).stream().findFirst();
    }

    public List<ApiKeyView> apiKeys() {
        return jdbc.query("SELECT * FROM inv_api_key ORDER BY id", API_KEY);
    }

    public Optional<ApiKeyView> apiKey(long id) {
        return jdbc.query("SELECT * FROM inv_api_key WHERE id = ?", API_KEY, id).stream().findFirst();
    }

    public Optional<ApiKeyView> apiKeyByPrefix(String prefix) {
        return jdbc.query("SELECT * FROM inv_api_key WHERE prefix = ?", API_KEY, prefix).stream().findFirst();
    }

    public Optional<PolicyView> policy() {
        return jdbc.query("SELECT * FROM inv_policy WHERE id = 1", (rs, n) -> new PolicyView(rs.getLong("version"),
                rs.getString("text"), rs.getString("sha256"), instant(rs, "updated_at"))).stream().findFirst();
    }
}
