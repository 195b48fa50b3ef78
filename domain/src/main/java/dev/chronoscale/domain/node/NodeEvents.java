package dev.chronoscale.domain.node;

import java.time.Instant;
import java.util.List;

/** What happened to nodes. Nullable fields are absent values (no user, no expiry, no address family). */
public final class NodeEvents {
    private NodeEvents() {
    }

    public record NodeRegistered(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                                 String hostname, String givenName, String ipv4, String ipv6, Instant expiry,
                                 boolean ephemeral, Long preAuthKeyId, RegisterMethod registerMethod) {
    }

    public record NodeRenamed(long nodeId, String oldName, String newName) {
    }

    public record NodeTagged(long nodeId, List<String> oldTags, List<String> newTags) {
    }

    public record NodeExpired(long nodeId, Instant at) {
    }

    /** Records the addresses and name the deletion released, so they are reusable from here on. */
    public record NodeDeleted(long nodeId, String givenName, String ipv4, String ipv6) {
    }

    public record NodeKeyRotated(long nodeId, String oldNodeKey, String newNodeKey, Instant expiry) {
    }

    public record NodeRoutesAdvertised(long nodeId, List<String> oldRoutes, List<String> newRoutes) {
    }

    public record NodeRoutesApproved(long nodeId, List<String> oldRoutes, List<String> newRoutes) {
    }

    /** The node's reachability changed (see {@link NodeCommands.ReportReachability}); only real changes are recorded. */
    public record NodeReachabilityChanged(long nodeId, List<String> endpoints, int homeDerpRegion, String discoKey) {
    }

    /** The node reported other client software (see {@link NodeCommands.ReportClient}). */
    public record NodeClientReported(long nodeId, String os, String osVersion, String clientVersion, String deviceModel,
                                     List<String> sshHostKeys) {
    }

    /** The node opened a map session: it is online. */
    public record NodeConnected(long nodeId) {
    }

    /** The node's map session ended and it did not reconnect within the grace period: it is offline. */
    public record NodeDisconnected(long nodeId) {
    }
}
