package dev.chronoscale.netmap;

import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.Timestamp;

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
    void on(PolicyUpdated e, TrackingToken token) {
        try {
            netmap.policyReplaced(policyParser.parse(e.text()));
        } catch (InvalidPolicyException invalid) {
            LOG.log(System.Logger.Level.ERROR, "policy version " + e.version()
                    + " no longer parses; the previous policy stays in force: " + invalid.getMessage());
        }
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(UserCreated e, TrackingToken token) {
        netmap.userUpdated(new NetmapUser(e.userId(), e.name(), e.displayName(), e.email()));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(UserRenamed e, TrackingToken token) {
        netmap.read(view -> view.user(e.userId())).ifPresent(user ->
                netmap.userUpdated(new NetmapUser(user.id(), e.newName(), user.displayName(), user.email())));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(UserDeleted e, TrackingToken token) {
        netmap.userRemoved(e.userId());
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeRegistered e, @Timestamp Instant at, TrackingToken token) {
        netmap.joined(new NetmapNode(e.nodeId(), e.machineKey(), e.nodeKey(), Optional.empty(),
                Optional.ofNullable(e.userId()), e.tags(), e.hostname(), e.givenName(), Optional.ofNullable(e.ipv4()),
                Optional.ofNullable(e.ipv6()), Optional.ofNullable(e.expiry()), e.ephemeral(), List.of(), 0,
                List.of(), List.of(), at, NodeClient.UNKNOWN));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeRenamed e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withGivenName(e.newName()));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeTagged e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withTags(e.newTags()));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeExpired e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withExpiry(Optional.ofNullable(e.at())));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeKeyRotated e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withNodeKey(e.newNodeKey(), Optional.ofNullable(e.expiry())));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeRoutesAdvertised e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withRoutes(e.newRoutes(), node.approvedRoutes()));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeRoutesApproved e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withRoutes(node.advertisedRoutes(), e.newRoutes()));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeClientReported e, TrackingToken token) {
        netmap.updated(e.nodeId(), node -> node.withClient(
                new NodeClient(e.os(), e.osVersion(), e.clientVersion(), e.deviceModel(), e.sshHostKeys())));
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeReachabilityChanged e, TrackingToken token) {
        netmap.reachabilityUpdated(e.nodeId(),
                node -> node.withReachability(e.endpoints(), e.homeDerpRegion(), Optional.ofNullable(e.discoKey())));
        netmap.processed(token.position().orElse(-1));
    }

    /** Every other event only moves the netmap's position in the log. */
    @EventHandler
    void on(Object other, TrackingToken token) {
        netmap.processed(token.position().orElse(-1));
    }

    @EventHandler
    void on(NodeDeleted e, TrackingToken token) {
        netmap.left(e.nodeId());
        netmap.processed(token.position().orElse(-1));
    }
}
