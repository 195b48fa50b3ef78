package dev.chronoscale.domain.node;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/** Commands on nodes. Node ids are allocated by the caller before {@link RegisterNode} is sent. */
public final class NodeCommands {
    private NodeCommands() {
    }

    public static String aggregateId(long nodeId) {
        return "node:" + nodeId;
    }

    /**
     * A new node joins. It belongs to {@code userId}, or is owned by its {@code tags} when the user is
     * null. {@code expiry} null means the node key never expires.
     */
    public record RegisterNode(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                               String hostname, Instant expiry, boolean ephemeral, Long preAuthKeyId,
                               RegisterMethod registerMethod, boolean awaitsApproval) {
        /** A node approved from the start. */
        public RegisterNode(long nodeId, String machineKey, String nodeKey, Long userId, List<String> tags,
                            String hostname, Instant expiry, boolean ephemeral, Long preAuthKeyId,
                            RegisterMethod registerMethod) {
            this(nodeId, machineKey, nodeKey, userId, tags, hostname, expiry, ephemeral, preAuthKeyId, registerMethod, false);
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * A node carried over from another server's database with everything its client relies on: its keys, its
     * addresses and name (claimed exactly; refused when taken or outside the configured prefixes), what it announced
     * and what was approved, how peers reach it, and when the source registered it. The client reconnects with no
     * action on the device.
     */
    public record ImportNode(long nodeId, String machineKey, String nodeKey, String discoKey, Long userId,
                             List<String> tags, String hostname, String givenName, String ipv4, String ipv6,
                             Instant expiry, boolean ephemeral, Long preAuthKeyId, RegisterMethod registerMethod,
                             List<String> advertisedRoutes, List<String> approvedRoutes, List<String> endpoints,
                             Instant createdAt) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    public record RenameNode(long nodeId, String newName) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** Replaces the node's administrator-set tags; an empty list removes them. */
    public record TagNode(long nodeId, List<String> tags) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    public record ExpireNode(long nodeId, Instant at) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    public record DeleteNode(long nodeId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * Gives a user-owned node to another user (Headscale's {@code nodes move}). A tagged node belongs to its tags,
     * not to a user, and is refused; the new user's existence is checked by the caller, against the inventory.
     */
    public record MoveNode(long nodeId, long userId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * Gives the node an address of each configured family it has none of (Headscale's {@code nodes backfillips}),
     * e.g. after {@code prefixes.v6} was added; the addresses it has are kept.
     */
    public record BackfillAddresses(long nodeId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** The client replaced its node key ({@code OldNodeKey} in its RegisterRequest). */
    public record RotateNodeKey(long nodeId, String oldNodeKey, String newNodeKey, Instant expiry) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** The routes the node itself announces (Hostinfo.RoutableIPs). */
    public record AdvertiseRoutes(long nodeId, List<String> routes) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** The routes an administrator approves for the node; replaces the previous approval. */
    public record ApproveRoutes(long nodeId, List<String> routes) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * What the node's peers need to reach it, as the node reported it in a map request: its UDP
     * endpoints ("ip:port"), its home DERP region (0 = none yet) and its disco key (null = unknown).
     * Recorded only when something differs from the last report.
     */
    public record ReportReachability(long nodeId, List<String> endpoints, int homeDerpRegion, String discoKey) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * What the node says it runs, from the Hostinfo of its map requests: operating system and version, client
     * version, device model (empty when not told) and its SSH host keys (for Tailscale SSH). Peers show it
     * ({@code tailscale status} lists their operating system). Recorded only when something differs from the
     * last report; the rest of Hostinfo (network conditions, for one) changes too often to be history. Of its
     * services only the peer API ones ({@link PeerService}) are kept: peers need them for Taildrop, while the
     * listening ports a client may list besides come and go with the programs on the machine.
     */
    public record ReportClient(long nodeId, String os, String osVersion, String clientVersion, String deviceModel,
                               List<String> sshHostKeys, List<PeerService> peerServices) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * The node's map session started ({@code connected}) or ended for good (after the reconnect
     * grace period). Recorded only when it changes the node's state.
     */
    public record RecordSession(long nodeId, boolean connected) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** Lets a pending node into the tailnet; refused for a node that is approved already or was refused. */
    public record ApproveNode(long nodeId, String reason) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /** Refuses a pending node for good: it keeps its record and gets nothing; only deleting it lets it register again. */
    public record RefuseNode(long nodeId, String reason) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }

    /**
     * Records the decision on a pending SSH {@code check} of a session from {@code sourceNodeId} to this node. The
     * caller checked the check exists and was still undecided; the command only makes the decision history.
     */
    public record DecideSshCheck(long nodeId, String checkId, long sourceNodeId, String sshUser, String localUser,
                                 boolean approved, long checkPeriodSeconds) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return NodeCommands.aggregateId(nodeId);
        }
    }
}
