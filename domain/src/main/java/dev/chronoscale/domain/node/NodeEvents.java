package dev.chronoscale.domain.node;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** What happened to nodes. Nullable fields are absent values (no user, no expiry, no address family). */
public final class NodeEvents {
    private NodeEvents() {
    }

    /**
     * Revision 2 added {@code createdAt}: set only for imported nodes, when the source registered the node. Revision 3
     * added {@code awaitingApproval}: true when the node registered under {@code node.approval: manual} without a
     * key that approves it; null (written for every other node, and every older event) is a node approved from the
     * start.
     */
    @Revision("3")
    public record NodeRegistered(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                                 String hostname, String givenName, String ipv4, String ipv6, Instant expiry,
                                 boolean ephemeral, Long preAuthKeyId, RegisterMethod registerMethod,
                                 Instant createdAt, Boolean awaitingApproval) implements NodeEvent {
        public NodeRegistered(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                              String hostname, String givenName, String ipv4, String ipv6, Instant expiry,
                              boolean ephemeral, Long preAuthKeyId, RegisterMethod registerMethod) {
            this(nodeId, machineKey, nodeKey, userId, tags, hostname, givenName, ipv4, ipv6, expiry, ephemeral,
                    preAuthKeyId, registerMethod, null, null);
        }

        public NodeRegistered(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                              String hostname, String givenName, String ipv4, String ipv6, Instant expiry,
                              boolean ephemeral, Long preAuthKeyId, RegisterMethod registerMethod, Instant createdAt) {
            this(nodeId, machineKey, nodeKey, userId, tags, hostname, givenName, ipv4, ipv6, expiry, ephemeral,
                    preAuthKeyId, registerMethod, createdAt, null);
        }

        /** The node's state at registration: pending when it awaits approval, else approved. */
        public NodeApproval approval() {
            return Boolean.TRUE.equals(awaitingApproval) ? NodeApproval.PENDING : NodeApproval.APPROVED;
        }
    }

    @Revision("1")
    public record NodeRenamed(long nodeId, String oldName, String newName) implements NodeEvent {
    }

    @Revision("1")
    public record NodeTagged(long nodeId, List<String> oldTags, List<String> newTags) implements NodeEvent {
    }

    /** The node was given to another user; only user-owned nodes move, so both users are known. */
    @Revision("1")
    public record NodeMoved(long nodeId, long oldUserId, long newUserId) implements NodeEvent {
    }

    /**
     * The node's tailnet addresses changed (a null is no address of that family); the new ones were claimed and the
     * ones it gave up released in the same transaction.
     */
    @Revision("1")
    public record NodeAddressesChanged(long nodeId, String oldIpv4, String oldIpv6, String ipv4, String ipv6)
            implements NodeEvent {
    }

    @Revision("1")
    public record NodeExpired(long nodeId, Instant at) implements NodeEvent {
    }

    /** Records the addresses and name the deletion released, so they are reusable from here on. */
    @Revision("1")
    public record NodeDeleted(long nodeId, String givenName, String ipv4, String ipv6) implements NodeEvent {
    }

    @Revision("1")
    public record NodeKeyRotated(long nodeId, String oldNodeKey, String newNodeKey, Instant expiry) implements NodeEvent {
    }

    @Revision("1")
    public record NodeRoutesAdvertised(long nodeId, List<String> oldRoutes, List<String> newRoutes) implements NodeEvent {
    }

    @Revision("1")
    public record NodeRoutesApproved(long nodeId, List<String> oldRoutes, List<String> newRoutes) implements NodeEvent {
    }

    /** The node's reachability changed (see {@link NodeCommands.ReportReachability}); only real changes are recorded. */
    @Revision("1")
    public record NodeReachabilityChanged(long nodeId, List<String> endpoints, int homeDerpRegion, String discoKey) implements NodeEvent {
    }

    /**
     * The node reported other client software (see {@link NodeCommands.ReportClient}). Revision 2 added the peer API
     * services; events of revision 1 have none.
     */
    @Revision("2")
    public record NodeClientReported(long nodeId, String os, String osVersion, String clientVersion, String deviceModel,
                                     List<String> sshHostKeys, List<PeerService> peerServices) implements NodeEvent {
        public NodeClientReported {
            peerServices = peerServices == null ? List.of() : List.copyOf(peerServices);
        }
    }

    /** The node opened a map session: it is online. */
    @Revision("1")
    public record NodeConnected(long nodeId) implements NodeEvent {
    }

    /** The node's map session ended and it did not reconnect within the grace period: it is offline. */
    @Revision("1")
    public record NodeDisconnected(long nodeId) implements NodeEvent {
    }

    /** An administrator (the event's audit context) let a pending node into the tailnet. */
    @Revision("1")
    public record NodeApproved(long nodeId, String reason) implements NodeEvent {
    }

    /** An administrator refused a pending node: it stays recorded and gets nothing until it is deleted. */
    @Revision("1")
    public record NodeApprovalRefused(long nodeId, String reason) implements NodeEvent {
    }

    /**
     * An SSH {@code check} on this node (the destination) was approved: sessions from the source node are let in
     * without asking again for {@code checkPeriodSeconds} (0: only this session). Who approved is the event's actor.
     */
    @Revision("1")
    public record SshCheckApproved(long nodeId, String checkId, long sourceNodeId, String sshUser, String localUser,
                                   long checkPeriodSeconds) implements NodeEvent {
    }

    /** An SSH {@code check} on this node (the destination) was refused: the waiting session is turned away. */
    @Revision("1")
    public record SshCheckRejected(long nodeId, String checkId, long sourceNodeId, String sshUser, String localUser)
            implements NodeEvent {
    }
}
