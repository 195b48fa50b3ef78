package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.netmap.inventory.TailnetNode;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * One node as its peers see it in their netmaps: identity, addresses, and the reachability data
 * NAT traversal needs. Immutable; every change makes a new value.
 *
 * @param userId         the owning user, empty for a node owned by its tags
 * @param discoKey       empty until the node reported one
 * @param homeDerpRegion 0 until the node reported its preferred DERP region
 * @param expiry         empty when the node key never expires
 * @param client         what the node says it runs ({@link NodeClient#UNKNOWN} until it says)
 * @param approval       whether the node takes part: a pending or refused node sees nobody and nobody sees it
 */
public record NetmapNode(long id, String machineKey, String nodeKey, Optional<String> discoKey, Optional<Long> userId,
                         List<String> tags, String hostname, String givenName, Optional<String> ipv4,
                         Optional<String> ipv6, Optional<Instant> expiry, boolean ephemeral, List<String> endpoints,
                         int homeDerpRegion, List<String> advertisedRoutes, List<String> approvedRoutes,
                         Instant createdAt, NodeClient client, NodeApproval approval) {

    /** An approved node (every node where device approval is off). */
    public NetmapNode(long id, String machineKey, String nodeKey, Optional<String> discoKey, Optional<Long> userId,
                      List<String> tags, String hostname, String givenName, Optional<String> ipv4,
                      Optional<String> ipv6, Optional<Instant> expiry, boolean ephemeral, List<String> endpoints,
                      int homeDerpRegion, List<String> advertisedRoutes, List<String> approvedRoutes,
                      Instant createdAt, NodeClient client) {
        this(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6, expiry, ephemeral,
                endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, NodeApproval.APPROVED);
    }

    public boolean isApproved() {
        return approval.isApproved();
    }

    public boolean isExpired(Instant now) {
        // Asked for every pair of nodes when a tailnet's first policy is compared with allow-all: no lambda.
        return expiry.isPresent() && !now.isBefore(expiry.get());
    }

    /** Advertised and approved: the routes the node actually serves. */
    public List<String> servedRoutes() {
        return advertisedRoutes.stream().filter(approvedRoutes::contains).toList();
    }

    /**
     * The node as the policy compiler sees it; empty while it has no addresses to be named by, or is not approved:
     * the policy then gives it no peers, nobody it as a peer, and serves none of its routes.
     */
    public Optional<TailnetNode> toTailnetNode() {
        if (ipv4.isEmpty() || ipv6.isEmpty() || !approval.isApproved()) {
            return Optional.empty();
        }
        return Optional.of(new TailnetNode(id, givenName, userId, new HashSet<>(tags),
                IpAddress.parse(ipv4.get()), IpAddress.parse(ipv6.get()),
                advertisedRoutes.stream().map(IpPrefix::parse).toList(),
                approvedRoutes.stream().map(IpPrefix::parse).toList(), createdAt));
    }

    public NetmapNode withNodeKey(String newNodeKey, Optional<Instant> newExpiry) {
        return new NetmapNode(id, machineKey, newNodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                newExpiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withGivenName(String newName) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, newName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withTags(List<String> newTags) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, newTags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withUserId(Optional<Long> newUserId) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, newUserId, tags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withAddresses(Optional<String> newIpv4, Optional<String> newIpv6) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, newIpv4, newIpv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withExpiry(Optional<Instant> newExpiry) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                newExpiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withRoutes(List<String> advertised, List<String> approved) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertised, approved, createdAt, client, approval);
    }

    public NetmapNode withReachability(List<String> newEndpoints, int newHomeDerp, Optional<String> newDiscoKey) {
        return new NetmapNode(id, machineKey, nodeKey, newDiscoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, newEndpoints, newHomeDerp, advertisedRoutes, approvedRoutes, createdAt, client, approval);
    }

    public NetmapNode withApproval(NodeApproval newApproval) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, client,
                newApproval);
    }

    public NetmapNode withClient(NodeClient newClient) {
        return new NetmapNode(id, machineKey, nodeKey, discoKey, userId, tags, hostname, givenName, ipv4, ipv6,
                expiry, ephemeral, endpoints, homeDerpRegion, advertisedRoutes, approvedRoutes, createdAt, newClient, approval);
    }
}
