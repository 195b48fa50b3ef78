package dev.chronoscale.inventory;

import dev.chronoscale.domain.apikey.ApiKeyEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.SshCheckApproved;
import dev.chronoscale.domain.node.NodeEvents.SshCheckRejected;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvent;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyDeleted;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.tailnet.TailnetEvent;
import dev.chronoscale.domain.tailnet.TailnetEvents.LoginRefused;
import dev.chronoscale.domain.tailnet.TailnetEvents.ReportGenerated;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetConfigured;
import dev.chronoscale.domain.tailnet.TailnetEvents.TailnetImported;
import dev.chronoscale.domain.user.UserEvent;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserEvents.UserProfileChanged;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.Timestamp;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static dev.chronoscale.inventory.SqlValues.jsonList;
import static dev.chronoscale.inventory.SqlValues.list;
import static dev.chronoscale.inventory.SqlValues.timestamp;

/**
 * Keeps the inventory tables in step with the event stream. It runs in the publishing transaction
 * (a subscribing processor), so a command's caller reads its own change at once; {@link InventoryRebuilder}
 * replays the whole store through the same handlers. Each event family is switched over exhaustively:
 * an event type the inventory does not show is ignored by name, so a new type does not compile until
 * it is decided here.
 */
@ProcessingGroup(InventoryProjection.PROCESSING_GROUP)
public class InventoryProjection {

    public static final String PROCESSING_GROUP = "inventory";
    /** Every table the projection writes: the whole inventory, as time travel's snapshots copy it. */
    public static final List<String> TABLES = List.of("inv_user", "inv_node", "inv_preauth_key", "inv_api_key", "inv_policy");

    private final JdbcTemplate jdbc;

    public InventoryProjection(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The database it writes to: the rebuild copies the rebuilt rows into it. */
    JdbcTemplate jdbc() {
        return jdbc;
    }

    @EventHandler
    void on(UserEvent event, @Timestamp Instant at) {
        switch (event) {
            case UserCreated e -> jdbc.update(
                    "INSERT INTO inv_user (id, name, display_name, email, created_at, profile_pic_url, provider_identifier)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?)",
                    e.userId(), e.name(), e.displayName(), e.email(), timestamp(createdAt(e.createdAt(), at)),
                    e.profilePicUrl(), e.providerIdentifier());
            case UserRenamed e -> jdbc.update("UPDATE inv_user SET name = ? WHERE id = ?", e.newName(), e.userId());
            case UserDeleted e -> jdbc.update("DELETE FROM inv_user WHERE id = ?", e.userId());
            case UserRolesChanged e -> changeRoles(e);
            case UserProfileChanged e -> jdbc.update("UPDATE inv_user SET display_name = ?, email = ?, profile_pic_url = ? WHERE id = ?",
                    e.displayName(), e.email(), e.profilePicUrl(), e.userId());
            case UserGroupsChanged e -> jdbc.update("UPDATE inv_user SET idp_groups = ? WHERE id = ?", jsonList(e.groups()),
                    e.userId());
        }
    }

    private void changeRoles(UserRolesChanged event) {
        String column = RoleSource.parse(event.source()).isOperator() ? "operator_roles" : "idp_roles";
        jdbc.query("SELECT " + column + " FROM inv_user WHERE id = ?", (rs, n) -> list(rs.getString(1)), event.userId())
                .stream().findFirst().ifPresent(current -> {
                    List<String> roles = new ArrayList<>(current);
                    roles.removeAll(event.removed());
                    event.added().stream().filter(role -> !roles.contains(role)).forEach(roles::add);
                    jdbc.update("UPDATE inv_user SET " + column + " = ? WHERE id = ?", list(roles.stream().sorted().toList()),
                            event.userId());
                });
    }

    @EventHandler
    void on(PreAuthKeyEvent event, @Timestamp Instant at) {
        switch (event) {
            case PreAuthKeyCreated e -> jdbc.update(
                    "INSERT INTO inv_preauth_key (id, user_id, prefix, secret_hash, reusable, ephemeral, used, expiration,"
                            + " acl_tags, created_at, pre_approved) VALUES (?, ?, ?, ?, ?, ?, FALSE, ?, ?, ?, ?)",
                    e.keyId(), e.userId(), e.prefix(), e.secretHash(), e.reusable(), e.ephemeral(),
                    timestamp(e.expiration()), list(e.aclTags()), timestamp(createdAt(e.createdAt(), at)),
                    e.approvesNodes());
            case PreAuthKeyUsed e -> jdbc.update("UPDATE inv_preauth_key SET used = TRUE WHERE id = ?", e.keyId());
            case PreAuthKeyExpired e -> jdbc.update("UPDATE inv_preauth_key SET expiration = ? WHERE id = ?",
                    timestamp(e.at()), e.keyId());
            case PreAuthKeyDeleted e -> jdbc.update("DELETE FROM inv_preauth_key WHERE id = ?", e.keyId());
        }
    }

    @EventHandler
    void on(ApiKeyEvent event, @Timestamp Instant at) {
        switch (event) {
            case ApiKeyCreated e -> jdbc.update(
                    "INSERT INTO inv_api_key (id, prefix, secret_hash, expiration, created_at, role) VALUES (?, ?, ?, ?, ?, ?)",
                    e.keyId(), e.prefix(), e.secretHash(), timestamp(e.expiration()), timestamp(createdAt(e.createdAt(), at)),
                    e.role());
            case ApiKeyExpired e -> jdbc.update("UPDATE inv_api_key SET expiration = ? WHERE id = ?",
                    timestamp(e.at()), e.keyId());
            case ApiKeyDeleted e -> jdbc.update("DELETE FROM inv_api_key WHERE id = ?", e.keyId());
        }
    }

    @EventHandler
    void on(NodeEvent event, @Timestamp Instant at) {
        switch (event) {
            case NodeRegistered e -> jdbc.update(
                    "INSERT INTO inv_node (id, machine_key, node_key, user_id, tags, hostname, given_name, ipv4, ipv6,"
                            + " expiry, ephemeral, pre_auth_key_id, register_method, advertised_routes, approved_routes,"
                            + " created_at, approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', ?, ?)",
                    e.nodeId(), e.machineKey(), e.nodeKey(), e.userId(), list(e.tags()), e.hostname(), e.givenName(),
                    e.ipv4(), e.ipv6(), timestamp(e.expiry()), e.ephemeral(), e.preAuthKeyId(),
                    e.registerMethod().name(), timestamp(createdAt(e.createdAt(), at)), e.approval().name());
            case NodeRenamed e -> jdbc.update("UPDATE inv_node SET given_name = ? WHERE id = ?", e.newName(), e.nodeId());
            case NodeTagged e -> jdbc.update("UPDATE inv_node SET tags = ? WHERE id = ?", list(e.newTags()), e.nodeId());
            case NodeMoved e -> jdbc.update("UPDATE inv_node SET user_id = ? WHERE id = ?", e.newUserId(), e.nodeId());
            case NodeAddressesChanged e -> jdbc.update("UPDATE inv_node SET ipv4 = ?, ipv6 = ? WHERE id = ?",
                    e.ipv4(), e.ipv6(), e.nodeId());
            case NodeExpired e -> jdbc.update("UPDATE inv_node SET expiry = ? WHERE id = ?", timestamp(e.at()), e.nodeId());
            case NodeKeyRotated e -> jdbc.update("UPDATE inv_node SET node_key = ?, expiry = ? WHERE id = ?",
                    e.newNodeKey(), timestamp(e.expiry()), e.nodeId());
            case NodeRoutesAdvertised e -> jdbc.update("UPDATE inv_node SET advertised_routes = ? WHERE id = ?",
                    list(e.newRoutes()), e.nodeId());
            case NodeRoutesApproved e -> jdbc.update("UPDATE inv_node SET approved_routes = ? WHERE id = ?",
                    list(e.newRoutes()), e.nodeId());
            case NodeDeleted e -> jdbc.update("DELETE FROM inv_node WHERE id = ?", e.nodeId());
            case NodeApproved e -> jdbc.update("UPDATE inv_node SET approval = ? WHERE id = ?",
                    NodeApproval.APPROVED.name(), e.nodeId());
            case NodeApprovalRefused e -> jdbc.update("UPDATE inv_node SET approval = ? WHERE id = ?",
                    NodeApproval.REFUSED.name(), e.nodeId());
            // Of reachability, only the disco key the API shows; of sessions, when the node was last seen.
            case NodeReachabilityChanged e -> {
                if (e.discoKey() != null) {
                    jdbc.update("UPDATE inv_node SET disco_key = ? WHERE id = ? AND (disco_key IS NULL OR disco_key <> ?)",
                            e.discoKey(), e.nodeId(), e.discoKey());
                }
            }
            case NodeConnected e -> jdbc.update("UPDATE inv_node SET last_seen = ? WHERE id = ?", timestamp(at), e.nodeId());
            case NodeDisconnected e -> jdbc.update("UPDATE inv_node SET last_seen = ? WHERE id = ?", timestamp(at), e.nodeId());
            // The inventory keeps no client software.
            case NodeClientReported e -> {
            }
            // SSH check decisions are history only; the pending and decided checks have their own table (ssh_check).
            case SshCheckApproved e -> {
            }
            case SshCheckRejected e -> {
            }
        }
    }

    @EventHandler
    void on(PolicyEvent event, @Timestamp Instant at) {
        switch (event) {
            case PolicyUpdated e -> {
                int updated = jdbc.update("UPDATE inv_policy SET version = ?, text = ?, sha256 = ?, updated_at = ? WHERE id = 1",
                        e.version(), e.text(), e.sha256(), timestamp(at));
                if (updated == 0) {
                    jdbc.update("INSERT INTO inv_policy (id, version, text, sha256, updated_at) VALUES (1, ?, ?, ?, ?)",
                            e.version(), e.text(), e.sha256(), timestamp(at));
                }
            }
        }
    }

    /** The inventory keeps no tailnet settings. */
    @EventHandler
    void on(TailnetEvent event) {
        switch (event) {
            case TailnetConfigured e -> {
            }
            case ReportGenerated e -> {
            }
            // The users, nodes and keys it carried are events of their own.
            case TailnetImported e -> {
            }
            // A refusal is the audit trail's, not the inventory's.
            case LoginRefused e -> {
            }
        }
    }

    /** Empties every inventory table, before a replay. */
    void clear() {
        for (String table : TABLES) {
            jdbc.update("DELETE FROM " + table);
        }
    }

    /** An imported thing keeps the creation time its source recorded; anything else was created by its event. */
    private static Instant createdAt(Instant atSource, Instant eventTime) {
        return atSource != null ? atSource : eventTime;
    }
}
