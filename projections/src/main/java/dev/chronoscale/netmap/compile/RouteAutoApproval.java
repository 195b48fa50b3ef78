package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.AutoApprovers;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code autoApprovers}: an advertised route is approved when the policy names the advertising node
 * (by tag, owner, group or autogroup) as an approver of a prefix that contains the route. Default routes are
 * approved only through {@code exitNode}: a {@code routes} entry for 0.0.0.0/0 does not make an exit node.
 */
public final class RouteAutoApproval {

    private RouteAutoApproval() {
    }

    /** The node with every route the policy approves for it added to its approved routes. */
    public static TailnetNode apply(Policy policy, TailnetNode node, Map<Long, TailnetUser> users) {
        AutoApprovers approvers = policy.autoApprovers();
        if (node.advertisedRoutes().isEmpty() || (approvers.routes().isEmpty() && approvers.exitNode().isEmpty())) {
            return node;
        }
        Set<IpPrefix> approved = new LinkedHashSet<>(node.approvedRoutes());
        for (IpPrefix route : node.advertisedRoutes()) {
            if (!approved.contains(route) && approves(approvers, route, node, policy, users)) {
                approved.add(route);
            }
        }
        return approved.size() == node.approvedRoutes().size() ? node
                : new TailnetNode(node.id(), node.name(), node.userId(), node.tags(), node.ipv4(), node.ipv6(),
                        node.advertisedRoutes(), List.copyOf(approved), node.registeredAt());
    }

    private static boolean approves(AutoApprovers approvers, IpPrefix route, TailnetNode node, Policy policy,
                                    Map<Long, TailnetUser> users) {
        if (route.isDefaultRoute()) {
            return names(approvers.exitNode(), node, policy, users);
        }
        for (Map.Entry<IpPrefix, List<Alias>> entry : approvers.routes().entrySet()) {
            IpPrefix prefix = entry.getKey();
            boolean covers = prefix.address().v6() == route.address().v6() && prefix.bits() <= route.bits()
                    && prefix.contains(route.address());
            if (covers && names(entry.getValue(), node, policy, users)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(List<Alias> approvers, TailnetNode node, Policy policy, Map<Long, TailnetUser> users) {
        return approvers.stream().anyMatch(alias -> AliasMembership.belongs(alias, node, policy, users));
    }
}
