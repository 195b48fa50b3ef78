package dev.chronoscale.domain.node;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.Tags;
import dev.chronoscale.domain.address.AddressAllocator;
import dev.chronoscale.domain.address.NodeAddresses;
import dev.chronoscale.domain.node.NodeCommands.AdvertiseRoutes;
import dev.chronoscale.domain.node.NodeCommands.ApproveNode;
import dev.chronoscale.domain.node.NodeCommands.RefuseNode;
import dev.chronoscale.domain.node.NodeCommands.BackfillAddresses;
import dev.chronoscale.domain.node.NodeCommands.ApproveRoutes;
import dev.chronoscale.domain.node.NodeCommands.DecideSshCheck;
import dev.chronoscale.domain.node.NodeCommands.DeleteNode;
import dev.chronoscale.domain.node.NodeCommands.ExpireNode;
import dev.chronoscale.domain.node.NodeCommands.ImportNode;
import dev.chronoscale.domain.node.NodeCommands.MoveNode;
import dev.chronoscale.domain.node.NodeCommands.RegisterNode;
import dev.chronoscale.domain.node.NodeCommands.RecordSession;
import dev.chronoscale.domain.node.NodeCommands.RenameNode;
import dev.chronoscale.domain.node.NodeCommands.ReportClient;
import dev.chronoscale.domain.node.NodeCommands.ReportReachability;
import dev.chronoscale.domain.node.NodeCommands.RotateNodeKey;
import dev.chronoscale.domain.node.NodeCommands.TagNode;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
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
import dev.chronoscale.domain.node.NodeEvents.SshCheckApproved;
import dev.chronoscale.domain.node.NodeEvents.SshCheckRejected;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.markDeleted;

public class NodeAggregate {

    @AggregateIdentifier
    private String id;
    private long nodeId;
    private String nodeKey;
    private String machineKey;
    private String givenName;
    private String ipv4;
    private String ipv6;
    private Long userId;
    private List<String> tags = List.of();
    private List<String> advertisedRoutes = List.of();
    private List<String> approvedRoutes = List.of();
    private List<String> endpoints = List.of();
    private int homeDerpRegion;
    private String discoKey;
    private boolean connected;
    private NodeClientReported client;
    private NodeApproval approval = NodeApproval.APPROVED;

    protected NodeAggregate() {
    }

    @CommandHandler
    public NodeAggregate(RegisterNode command, UniquenessRegistry claims, AddressAllocator allocator) {
        String owner = command.aggregateId();
        List<String> tags = ownerTags(command.userId(), command.tags(), command.registerMethod());
        String machineKey = NodeKeys.machineKey(command.machineKey());
        String nodeKey = NodeKeys.nodeKey(command.nodeKey());
        claimKeys(machineKey, nodeKey, claims, owner);
        NodeAddresses addresses = allocator.allocate(claims, owner);
        String givenName = NodeNames.claimUnique(NodeNames.dnsSafe(command.hostname()), claims, owner);
        apply(new NodeRegistered(command.nodeId(), machineKey, nodeKey, command.userId(), tags,
                command.hostname() == null ? "" : command.hostname(), givenName,
                addresses.ipv4().orElse(null), addresses.ipv6().orElse(null), command.expiry(),
                command.ephemeral(), command.preAuthKeyId(), command.registerMethod(), null,
                command.awaitsApproval() ? Boolean.TRUE : null));
    }

    @CommandHandler
    public NodeAggregate(ImportNode command, UniquenessRegistry claims, AddressAllocator allocator) {
        String owner = command.aggregateId();
        List<String> tags = ownerTags(command.userId(), command.tags(), command.registerMethod());
        String machineKey = NodeKeys.machineKey(command.machineKey());
        String nodeKey = NodeKeys.nodeKey(command.nodeKey());
        String givenName = NodeNames.validateGiven(command.givenName());
        claimKeys(machineKey, nodeKey, claims, owner);
        NodeAddresses addresses = allocator.claimExactly(command.ipv4(), command.ipv6(), claims, owner);
        claims.claim(ClaimKind.NODE_NAME, givenName, owner);
        apply(new NodeRegistered(command.nodeId(), machineKey, nodeKey, command.userId(), tags,
                command.hostname() == null ? "" : command.hostname(), givenName,
                addresses.ipv4().orElse(null), addresses.ipv6().orElse(null), command.expiry(),
                command.ephemeral(), command.preAuthKeyId(), command.registerMethod(), command.createdAt()));
        List<String> advertised = Routes.normalize(command.advertisedRoutes() == null ? List.of() : command.advertisedRoutes());
        if (!advertised.isEmpty()) {
            apply(new NodeRoutesAdvertised(command.nodeId(), List.of(), advertised));
        }
        List<String> approved = Routes.normalize(command.approvedRoutes() == null ? List.of() : command.approvedRoutes());
        if (!approved.isEmpty()) {
            apply(new NodeRoutesApproved(command.nodeId(), List.of(), approved));
        }
        List<String> endpoints = command.endpoints() == null ? List.of() : List.copyOf(command.endpoints());
        String discoKey = command.discoKey() == null || command.discoKey().isBlank() ? null : NodeKeys.discoKey(command.discoKey());
        if (!endpoints.isEmpty() || discoKey != null) {
            apply(new NodeReachabilityChanged(command.nodeId(), endpoints, 0, discoKey));
        }
    }

    /** A node belongs to a user or to its tags, and says how it was admitted. */
    private static List<String> ownerTags(Long userId, List<String> tags, RegisterMethod registerMethod) {
        List<String> normalized = Tags.normalize(tags == null ? List.of() : tags);
        if (userId == null && normalized.isEmpty()) {
            throw DomainException.invalid("a node must belong to a user or carry at least one tag");
        }
        if (registerMethod == null) {
            throw DomainException.invalid("a node registration must say how the node was admitted");
        }
        return normalized;
    }

    private static void claimKeys(String machineKey, String nodeKey, UniquenessRegistry claims, String owner) {
        claims.claim(ClaimKind.NODE_MACHINE_KEY, machineKey, owner);
        claims.claim(ClaimKind.NODE_KEY, nodeKey, owner);
    }

    @CommandHandler
    public void handle(RenameNode command, UniquenessRegistry claims) {
        String newName = NodeNames.validateGiven(command.newName());
        if (newName.equals(givenName)) {
            return;
        }
        claims.claim(ClaimKind.NODE_NAME, newName, id);
        claims.release(ClaimKind.NODE_NAME, givenName, id);
        apply(new NodeRenamed(nodeId, givenName, newName));
    }

    @CommandHandler
    public void handle(TagNode command) {
        List<String> newTags = Tags.normalize(command.tags());
        if (newTags.isEmpty() && userId == null) {
            throw DomainException.invalid("node " + nodeId + " has no user: removing all its tags would leave it without an owner");
        }
        if (newTags.equals(tags)) {
            return;
        }
        apply(new NodeTagged(nodeId, tags, newTags));
    }

    @CommandHandler
    public void handle(MoveNode command) {
        if (!tags.isEmpty() || userId == null) {
            throw DomainException.invalid("node " + nodeId + " is tagged (" + String.join(", ", tags)
                    + "): a tagged node belongs to its tags, not to a user, and is not moved");
        }
        if (command.userId() == userId) {
            return;
        }
        apply(new NodeMoved(nodeId, userId, command.userId()));
    }

    @CommandHandler
    public void handle(BackfillAddresses command, UniquenessRegistry claims, AddressAllocator allocator) {
        NodeAddresses filled = allocator.fillIn(Optional.ofNullable(ipv4), Optional.ofNullable(ipv6), claims, id);
        String newIpv4 = filled.ipv4().orElse(null);
        String newIpv6 = filled.ipv6().orElse(null);
        if (Objects.equals(newIpv4, ipv4) && Objects.equals(newIpv6, ipv6)) {
            return;
        }
        apply(new NodeAddressesChanged(nodeId, ipv4, ipv6, newIpv4, newIpv6));
    }

    @CommandHandler
    public void handle(ExpireNode command) {
        apply(new NodeExpired(nodeId, command.at()));
    }

    @CommandHandler
    public void handle(DeleteNode command, UniquenessRegistry claims) {
        claims.release(ClaimKind.NODE_NAME, givenName, id);
        claims.release(ClaimKind.NODE_MACHINE_KEY, machineKey, id);
        claims.release(ClaimKind.NODE_KEY, nodeKey, id);
        if (ipv4 != null) {
            claims.release(ClaimKind.IPV4, ipv4, id);
        }
        if (ipv6 != null) {
            claims.release(ClaimKind.IPV6, ipv6, id);
        }
        apply(new NodeDeleted(nodeId, givenName, ipv4, ipv6));
    }

    @CommandHandler
    public void handle(RotateNodeKey command, UniquenessRegistry claims) {
        String newKey = NodeKeys.nodeKey(command.newNodeKey());
        if (!nodeKey.equals(command.oldNodeKey())) {
            throw DomainException.conflict("node " + nodeId + " does not hold the old node key it claims to rotate");
        }
        if (newKey.equals(nodeKey)) {
            return;
        }
        claims.claim(ClaimKind.NODE_KEY, newKey, id);
        claims.release(ClaimKind.NODE_KEY, nodeKey, id);
        apply(new NodeKeyRotated(nodeId, nodeKey, newKey, command.expiry()));
    }

    @CommandHandler
    public void handle(AdvertiseRoutes command) {
        List<String> routes = Routes.normalize(command.routes());
        if (!routes.equals(advertisedRoutes)) {
            apply(new NodeRoutesAdvertised(nodeId, advertisedRoutes, routes));
        }
    }

    @CommandHandler
    public void handle(ApproveRoutes command) {
        List<String> routes = Routes.normalize(command.routes());
        if (!routes.equals(approvedRoutes)) {
            apply(new NodeRoutesApproved(nodeId, approvedRoutes, routes));
        }
    }

    @CommandHandler
    public void handle(ReportReachability command) {
        List<String> newEndpoints = command.endpoints() == null ? List.of() : List.copyOf(command.endpoints());
        String newDiscoKey = command.discoKey() == null ? discoKey : NodeKeys.discoKey(command.discoKey());
        if (newEndpoints.equals(endpoints) && command.homeDerpRegion() == homeDerpRegion
                && Objects.equals(newDiscoKey, discoKey)) {
            return;
        }
        apply(new NodeReachabilityChanged(nodeId, newEndpoints, command.homeDerpRegion(), newDiscoKey));
    }

    /** Longest operating system, version or model text, and most SSH host keys, a report may carry. */
    static final int MAX_CLIENT_TEXT = 256;
    static final int MAX_SSH_HOST_KEYS = 16;
    /** A client lists each peer API service once; a few more leave room without letting a report grow unbounded. */
    static final int MAX_PEER_SERVICES = 8;

    @CommandHandler
    public void handle(ReportClient command) {
        for (String text : java.util.Arrays.asList(command.os(), command.osVersion(), command.clientVersion(),
                command.deviceModel())) {
            if (text != null && text.length() > MAX_CLIENT_TEXT) {
                throw DomainException.invalid("client details longer than " + MAX_CLIENT_TEXT + " characters");
            }
        }
        if (command.sshHostKeys() != null && (command.sshHostKeys().size() > MAX_SSH_HOST_KEYS
                || command.sshHostKeys().stream().anyMatch(k -> k == null || k.length() > 16 * MAX_CLIENT_TEXT))) {
            throw DomainException.invalid("at most " + MAX_SSH_HOST_KEYS + " SSH host keys of at most "
                    + 16 * MAX_CLIENT_TEXT + " characters");
        }
        List<PeerService> services = command.peerServices() == null ? List.of() : command.peerServices();
        if (services.size() > MAX_PEER_SERVICES || services.stream().anyMatch(service -> service == null
                || !PeerService.PROTOS.contains(service.proto()) || service.port() < 1 || service.port() > 65535)) {
            throw DomainException.invalid("at most " + MAX_PEER_SERVICES + " peer API services, each one of "
                    + PeerService.PROTOS.stream().sorted().toList() + " on a port from 1 to 65535");
        }
        NodeClientReported reported = new NodeClientReported(nodeId, Objects.requireNonNullElse(command.os(), ""),
                Objects.requireNonNullElse(command.osVersion(), ""), Objects.requireNonNullElse(command.clientVersion(), ""),
                Objects.requireNonNullElse(command.deviceModel(), ""),
                command.sshHostKeys() == null ? List.of() : List.copyOf(command.sshHostKeys()), services);
        if (!reported.equals(client)) {
            apply(reported);
        }
    }

    @CommandHandler
    public void handle(ApproveNode command) {
        switch (approval) {
            case APPROVED -> throw DomainException.conflict("node " + nodeId + " is already approved");
            case REFUSED -> throw DomainException.conflict("node " + nodeId + " was refused and stays refused: "
                    + "delete it to let the device register again");
            case PENDING -> apply(new NodeApproved(nodeId, reason(command.reason())));
        }
    }

    @CommandHandler
    public void handle(RefuseNode command) {
        switch (approval) {
            case APPROVED -> throw DomainException.conflict("node " + nodeId + " is approved: only a pending node is "
                    + "refused; expire or delete an approved one");
            case REFUSED -> throw DomainException.conflict("node " + nodeId + " is already refused");
            case PENDING -> apply(new NodeApprovalRefused(nodeId, reason(command.reason())));
        }
    }

    /** Longest reason an approval or refusal may record. */
    static final int MAX_REASON = 512;

    private static String reason(String reason) {
        String text = reason == null ? "" : reason.strip();
        if (text.length() > MAX_REASON) {
            throw DomainException.invalid("a reason longer than " + MAX_REASON + " characters");
        }
        return text;
    }

    @CommandHandler
    public void handle(RecordSession command) {
        if (command.connected() != connected) {
            apply(command.connected() ? new NodeConnected(nodeId) : new NodeDisconnected(nodeId));
        }
    }

    @CommandHandler
    public void handle(DecideSshCheck command) {
        if (command.checkId() == null || command.checkId().isBlank()) {
            throw DomainException.invalid("an SSH check decision must name the check");
        }
        if (command.checkPeriodSeconds() < 0) {
            throw DomainException.invalid("an SSH check period cannot be negative");
        }
        String sshUser = Objects.requireNonNullElse(command.sshUser(), "");
        String localUser = Objects.requireNonNullElse(command.localUser(), "");
        apply(command.approved()
                ? new SshCheckApproved(nodeId, command.checkId(), command.sourceNodeId(), sshUser, localUser,
                        command.checkPeriodSeconds())
                : new SshCheckRejected(nodeId, command.checkId(), command.sourceNodeId(), sshUser, localUser));
    }

    @EventSourcingHandler
    void on(NodeConnected event) {
        connected = true;
    }

    @EventSourcingHandler
    void on(NodeDisconnected event) {
        connected = false;
    }

    @EventSourcingHandler
    void on(NodeClientReported event) {
        client = event;
    }

    @EventSourcingHandler
    void on(NodeReachabilityChanged event) {
        endpoints = event.endpoints();
        homeDerpRegion = event.homeDerpRegion();
        discoKey = event.discoKey();
    }

    @EventSourcingHandler
    void on(NodeRegistered event) {
        id = NodeCommands.aggregateId(event.nodeId());
        nodeId = event.nodeId();
        machineKey = event.machineKey();
        nodeKey = event.nodeKey();
        givenName = event.givenName();
        ipv4 = event.ipv4();
        ipv6 = event.ipv6();
        userId = event.userId();
        tags = event.tags();
        approval = event.approval();
    }

    @EventSourcingHandler
    void on(NodeApproved event) {
        approval = NodeApproval.APPROVED;
    }

    @EventSourcingHandler
    void on(NodeApprovalRefused event) {
        approval = NodeApproval.REFUSED;
    }

    @EventSourcingHandler
    void on(NodeRenamed event) {
        givenName = event.newName();
    }

    @EventSourcingHandler
    void on(NodeTagged event) {
        tags = event.newTags();
    }

    @EventSourcingHandler
    void on(NodeMoved event) {
        userId = event.newUserId();
    }

    @EventSourcingHandler
    void on(NodeAddressesChanged event) {
        ipv4 = event.ipv4();
        ipv6 = event.ipv6();
    }

    @EventSourcingHandler
    void on(NodeKeyRotated event) {
        nodeKey = event.newNodeKey();
    }

    @EventSourcingHandler
    void on(NodeRoutesAdvertised event) {
        advertisedRoutes = event.newRoutes();
    }

    @EventSourcingHandler
    void on(NodeRoutesApproved event) {
        approvedRoutes = event.newRoutes();
    }

    @EventSourcingHandler
    void on(NodeDeleted event) {
        markDeleted();
    }
}
