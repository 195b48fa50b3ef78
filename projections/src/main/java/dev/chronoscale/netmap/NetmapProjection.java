package dev.chronoscale.netmap;

import dev.chronoscale.domain.apikey.ApiKeyEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyExpired;
import dev.chronoscale.domain.node.NodeEvent;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.SshCheckApproved;
import dev.chronoscale.domain.node.NodeEvents.SshCheckRejected;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyEvent;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
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
import dev.chronoscale.domain.user.UserEvents.UserProfileChanged;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import dev.chronoscale.domain.user.RoleSource;
import dev.chronoscale.domain.user.UserRole;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.serialization.UnknownSerializedType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Feeds the {@link Netmap} from the event stream. It runs in a tracking processor whose token is
 * kept in memory, so every start replays the log into a fresh netmap; on several gateway
 * instances each runs its own.
 */
@ProcessingGroup(NetmapProjection.PROCESSING_GROUP)
public class NetmapProjection {

    public static final String PROCESSING_GROUP = "netmap";

    private static final System.Logger LOG = System.getLogger(NetmapProjection.class.getName());

    private final Netmap netmap;
    private final PolicyParser policyParser = new PolicyParser();

    public NetmapProjection(Netmap netmap) {
        this.netmap = netmap;
    }

    /**
     * The last policy set is the one in force. It was validated (and its tests run) before the event was
     * written, so a parse failure here means the parser became stricter since: the previous policy stays.
     */
    @EventHandler
    void on(PolicyEvent event, TrackingToken token) {
        switch (event) {
            case PolicyUpdated e -> {
                try {
                    netmap.policyReplaced(policyParser.parse(e.text()));
                } catch (InvalidPolicyException invalid) {
                    LOG.log(System.Logger.Level.ERROR, "policy version " + e.version()
                            + " no longer parses; the previous policy stays in force: " + invalid.getMessage());
                }
            }
        }
        netmap.processed(position(token));
    }

    @EventHandler
    void on(UserEvent event, TrackingToken token) {
        switch (event) {
            case UserCreated e -> netmap.userUpdated(new NetmapUser(e.userId(), e.name(), e.displayName(), e.email(),
                    e.profilePicUrl()));
            case UserRenamed e -> netmap.read(view -> view.user(e.userId())).ifPresent(user -> netmap.userUpdated(
                    user.withName(e.newName())));
            case UserGroupsChanged e -> netmap.read(view -> view.user(e.userId())).ifPresent(user -> netmap.userUpdated(
                    user.withIdpGroups(e.groups())));
            case UserDeleted e -> netmap.userRemoved(e.userId());
            // The policy's role autogroups (autogroup:admin, ...) resolve from them.
            case UserRolesChanged e -> netmap.read(view -> view.user(e.userId())).ifPresent(user -> netmap.userUpdated(
                    user.withRolesChanged(RoleSource.parse(e.source()), UserRole.parseAll(e.added()), UserRole.parseAll(e.removed()))));
            case UserProfileChanged e -> netmap.read(view -> view.user(e.userId())).ifPresent(user -> netmap.userUpdated(
                    user.withProfile(e.displayName(), e.email(), e.profilePicUrl())));
        }
        netmap.processed(position(token));
    }

    @EventHandler
    void on(NodeEvent event, @Timestamp Instant at, TrackingToken token) {
        switch (event) {
            case NodeRegistered e -> netmap.joined(new NetmapNode(e.nodeId(), e.machineKey(), e.nodeKey(), Optional.empty(),
                    Optional.ofNullable(e.userId()), e.tags(), e.hostname(), e.givenName(), Optional.ofNullable(e.ipv4()),
                    Optional.ofNullable(e.ipv6()), Optional.ofNullable(e.expiry()), e.ephemeral(), List.of(), 0,
                    List.of(), List.of(), e.createdAt() != null ? e.createdAt() : at, NodeClient.UNKNOWN, e.approval()));
            case NodeRenamed e -> netmap.updated(e.nodeId(), node -> node.withGivenName(e.newName()));
            case NodeTagged e -> netmap.updated(e.nodeId(), node -> node.withTags(e.newTags()));
            case NodeMoved e -> netmap.updated(e.nodeId(), node -> node.withUserId(Optional.of(e.newUserId())));
            case NodeAddressesChanged e -> netmap.updated(e.nodeId(),
                    node -> node.withAddresses(Optional.ofNullable(e.ipv4()), Optional.ofNullable(e.ipv6())));
            case NodeExpired e -> netmap.updated(e.nodeId(), node -> node.withExpiry(Optional.ofNullable(e.at())));
            case NodeKeyRotated e -> netmap.updated(e.nodeId(),
                    node -> node.withNodeKey(e.newNodeKey(), Optional.ofNullable(e.expiry())));
            case NodeRoutesAdvertised e -> netmap.updated(e.nodeId(),
                    node -> node.withRoutes(e.newRoutes(), node.approvedRoutes()));
            case NodeRoutesApproved e -> netmap.updated(e.nodeId(),
                    node -> node.withRoutes(node.advertisedRoutes(), e.newRoutes()));
            case NodeClientReported e -> netmap.updated(e.nodeId(), node -> node.withClient(
                    new NodeClient(e.os(), e.osVersion(), e.clientVersion(), e.deviceModel(), e.sshHostKeys(),
                            e.peerServices())));
            case NodeReachabilityChanged e -> netmap.reachabilityUpdated(e.nodeId(),
                    node -> node.withReachability(e.endpoints(), e.homeDerpRegion(), Optional.ofNullable(e.discoKey())));
            case NodeDeleted e -> netmap.left(e.nodeId());
            case NodeApproved e -> netmap.updated(e.nodeId(), node -> node.withApproval(NodeApproval.APPROVED));
            case NodeApprovalRefused e -> netmap.updated(e.nodeId(), node -> node.withApproval(NodeApproval.REFUSED));
            // Online status is the lifetime of a map stream on this instance, not a recorded session.
            case NodeConnected e -> {
            }
            case NodeDisconnected e -> {
            }
            // An SSH check decision answers one held session; what a node is served does not change.
            case SshCheckApproved e -> {
            }
            case SshCheckRejected e -> {
            }
        }
        netmap.processed(position(token));
    }

    /** Keys and tailnet settings do not change what any node is served. */
    @EventHandler
    void on(PreAuthKeyEvent event, TrackingToken token) {
        switch (event) {
            case PreAuthKeyCreated e -> {
            }
            case PreAuthKeyUsed e -> {
            }
            case PreAuthKeyExpired e -> {
            }
            case PreAuthKeyDeleted e -> {
            }
        }
        netmap.processed(position(token));
    }

    @EventHandler
    void on(ApiKeyEvent event, TrackingToken token) {
        switch (event) {
            case ApiKeyCreated e -> {
            }
            case ApiKeyExpired e -> {
            }
            case ApiKeyDeleted e -> {
            }
        }
        netmap.processed(position(token));
    }

    @EventHandler
    void on(TailnetEvent event, TrackingToken token) {
        switch (event) {
            case TailnetConfigured e -> {
            }
            case ReportGenerated e -> {
            }
            // The users, nodes and keys it carried are events of their own.
            case TailnetImported e -> {
            }
            // A refused login changes no node's map.
            case LoginRefused e -> {
            }
        }
        netmap.processed(position(token));
    }

    /**
     * An event of a type this build does not know only moves the netmap's position in the log. (Not a
     * handler for {@code Object}: Axon prefers a class over an interface, so it would take every family's events.)
     */
    @EventHandler
    void onUnknownType(UnknownSerializedType other, TrackingToken token) {
        netmap.processed(position(token));
    }

    private static long position(TrackingToken token) {
        return token.position().orElse(-1);
    }
}
