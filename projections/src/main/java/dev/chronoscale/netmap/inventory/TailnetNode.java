package dev.chronoscale.netmap.inventory;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A node as the compiler needs it. A tagged node belongs to its tags, not to a user, even when a user
 * registered it; {@code userId} is then ignored. {@code registeredAt} decides which of several routers
 * advertising the same subnet is primary: the first one registered.
 */
public record TailnetNode(long id, String name, Optional<Long> userId, Set<String> tags, IpAddress ipv4,
                          IpAddress ipv6, List<IpPrefix> advertisedRoutes, List<IpPrefix> approvedRoutes,
                          Instant registeredAt) {

    public TailnetNode {
        tags = Set.copyOf(tags);
        advertisedRoutes = List.copyOf(advertisedRoutes);
        approvedRoutes = List.copyOf(approvedRoutes);
    }

    public boolean isTagged() {
        return !tags.isEmpty();
    }

    /** The user that owns the node, absent for tagged nodes. */
    public Optional<Long> owner() {
        return isTagged() ? Optional.empty() : userId;
    }

    public List<IpAddress> addresses() {
        return List.of(ipv4, ipv6);
    }

    /** Routes both advertised by the node and approved by an administrator or an auto-approver. */
    public List<IpPrefix> enabledRoutes() {
        if (approvedRoutes.isEmpty() || advertisedRoutes.isEmpty()) {
            return List.of();
        }
        return approvedRoutes.stream().filter(advertisedRoutes::contains).toList();
    }

    /** Enabled routes other than the default routes (which make the node an exit node instead). */
    public List<IpPrefix> subnetRoutes() {
        return enabledRoutes().stream().filter(r -> !r.isDefaultRoute()).toList();
    }

    public List<IpPrefix> exitRoutes() {
        return enabledRoutes().stream().filter(IpPrefix::isDefaultRoute).toList();
    }

    public boolean isExitNode() {
        return !exitRoutes().isEmpty();
    }
}
