package dev.chronoscale.inventory;

import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.List;

import static dev.chronoscale.inventory.SqlValues.list;
import static dev.chronoscale.inventory.SqlValues.timestamp;

/**
 * Keeps the inventory tables in step with the event stream. It runs in the publishing transaction
 * (a subscribing processor), so a command's caller reads its own change at once; {@link InventoryRebuilder}
 * replays the whole store through the same handlers.
 */
@ProcessingGroup(InventoryProjection.PROCESSING_GROUP)
public class InventoryProjection {

    public static final String PROCESSING_GROUP = "inventory";
    static final List<String> TABLES = List.of("inv_user", "inv_node", "inv_preauth_key", "inv_api_key", "inv_policy");

    private final JdbcTemplate jdbc;

    public InventoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(UserCreated e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO inv_user (id, name, display_name, email, created_at) VALUES (?, ?, ?, ?, ?)",
                e.userId(), e.name(), e.displayName(), e.email(), timestamp(at));
    }

    @EventHandler
    void on(UserRenamed e) {
        jdbc.update("UPDATE inv_user SET name = ? WHERE id = ?", e.newName(), e.userId());
    }

    @EventHandler
    void on(UserDeleted e) {
        jdbc.update("DELETE FROM inv_user WHERE id = ?", e.userId());
    }

    @EventHandler
    void on(PreAuthKeyCreated e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO inv_preauth_key (id, user_id, prefix, secret_hash, reusable, ephemeral, used, expiration,"
                        + " acl_tags, created_at) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?)",
                e.keyId(), e.userId(), e.prefix(), e.secretHash(), e.reusable(), e.ephemeral(),
                timestamp(e.expiration()), list(e.aclTags()), timestamp(at));
    }

    @EventHandler
    void on(PreAuthKeyUsed e) {
        jdbc.update("UPDATE inv_preauth_key SET used = TRUE WHERE id = ?", e.keyId());
    }

    @EventHandler
    void on(PreAuthKeyExpired e) {
        jdbc.update("UPDATE inv_preauth_key SET expiration = ? WHERE id = ?", timestamp(e.at()), e.keyId());
    }

    @EventHandler
    void on(PreAuthKeyDeleted e) {
        jdbc.update("DELETE FROM inv_preauth_key WHERE id = ?", e.keyId());
    }

    @EventHandler
    void on(ApiKeyCreated e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO inv_api_key (id, prefix, secret_hash, expiration, created_at) VALUES (?, ?, ?, ?, ?)",
                e.keyId(), e.prefix(), e.secretHash(), timestamp(e.expiration()), timestamp(at));
    }

    @EventHandler
    void on(ApiKeyExpired e) {
        jdbc.update("UPDATE inv_api_key SET expiration = ? WHERE id = ?", timestamp(e.at()), e.keyId());
    }

    @EventHandler
    void on(ApiKeyDeleted e) {
        jdbc.update("DELETE FROM inv_api_key WHERE id = ?", e.keyId());
    }

    @EventHandler
    void on(NodeRegistered e, @Timestamp Instant at) {
        jdbc.update("INSERT INTO inv_node (id, machine_key, node_key, user_id, tags, hostname, given_name, ipv4, ipv6,"
                        + " expiry, ephemeral, pre_auth_key_id, register_method, advertised_routes, approved_routes, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?)",
                e.nodeId(), e.machineKey(), e.nodeKey(), e.userId(), list(e.tags()), e.hostname(), e.givenName(),
                e.ipv4(), e.ipv6(), timestamp(e.expiry()), e.ephemeral(), e.preAuthKeyId(),
                e.registerMethod().name(), timestamp(at));
    }

    @EventHandler
    void on(NodeRenamed e) {
        jdbc.update("UPDATE inv_node SET given_name = ? WHERE id = ?", e.newName(), e.nodeId());
    }

    @EventHandler
    void on(NodeTagged e) {
        jdbc.update("UPDATE inv_node SET tags = ? WHERE id = ?", list(e.newTags()), e.nodeId());
    }

    @EventHandler
    void on(NodeExpired e) {
        jdbc.update("UPDATE inv_node SET expiry = ? WHERE id = ?", timestamp(e.at()), e.nodeId());
    }

    @EventHandler
    void on(NodeKeyRotated e) {
        jdbc.update("UPDATE inv_node SET node_key = ?, expiry = ? WHERE id = ?",
                e.newNodeKey(), timestamp(e.expiry()), e.nodeId());
    }

    @EventHandler
    void on(NodeRoutesAdvertised e) {
        jdbc.update("UPDATE inv_node SET advertised_routes = ? WHERE id = ?", list(e.newRoutes()), e.nodeId());
    }

    @EventHandler
    void on(NodeRoutesApproved e) {
        jdbc.update("UPDATE inv_node SET approved_routes = ? WHERE id = ?", list(e.newRoutes()), e.nodeId());
    }

    @EventHandler
    void on(NodeDeleted e) {
        jdbc.update("DELETE FROM inv_node WHERE id = ?", e.nodeId());
    }

    @EventHandler
    void on(PolicyUpdated e, @Timestamp Instant at) {
        int updated = jdbc.update("UPDATE inv_policy SET version = ?, text = ?, sha256 = ?, updated_at = ? WHERE id = 1",
                e.version(), e.text(), e.sha256(), timestamp(at));
        if (updated == 0) {
            jdbc.update("INSERT INTO inv_policy (id, version, text, sha256, updated_at) VALUES (1, ?, ?, ?, ?)",
                    e.version(), e.text(), e.sha256(), timestamp(at));
        }
    }

    /** Empties every inventory table, before a replay. */
    void clear() {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }
}
