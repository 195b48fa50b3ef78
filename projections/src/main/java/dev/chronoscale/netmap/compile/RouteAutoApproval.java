package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.AutoApprovers;
import dev.chronoscale.domain.policy.IpPrefix;
import dev.chronoscale.domain.policy.IpSet;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code autoApprovers}: an advertised route is approved when the policy names the advertising node
 * (by tag, owner, group or autogroup) as an approver of a prefix that contains the route. Default routes are
 * approved only through {@code exitNode}: a {@code routes} entry for 0.0.0.0/0 does not make an exit node.
 */
final class RouteAutoApproval {

    private RouteAutoApproval() {
    }

    static Tailnet apply(Policy policy, Tailnet tailnet) {
        AutoApprovers approvers = policy.autoApprovers();
        if (approvers.routes().isEmpty() && approvers.exitNode().isEmpty()) {
            return tailnet;
        }
        AliasResolver resolver = new AliasResolver(policy, tailnet);
        List<TailnetNode> nodes = new ArrayList<>(tailnet.nodes().size());
        for (TailnetNode node : tailnet.nodes()) {
            Set<IpPrefix> approved = new LinkedHashSet<>(node.approvedRoutes());
            for (IpPrefix route : node.advertisedRoutes()) {
                if (!approved.contains(route) && approves(approvers, route, node, resolver)) {
                    approved.add(route);
                }
            }
            nodes.add(approved.size() == node.approvedRoutes().size() ? node
                    : new TailnetNode(node.id(), node.name(), node.userId(), node.tags(), node.ipv4(), node.ipv6(),
                            node.advertisedRoutes(), List.copyOf(approved), node.registeredAt()));
        }
        return new Tailnet(tailnet.users(), nodes);
    }

    private static boolean approves(AutoApprovers approvers, IpPrefix route, TailnetNode node, AliasResolver resolver) {
        if (route.isDefaultRoute()) {
            return names(approvers.exitNode(), node, resolver);
        }
        for (Map.Entry<IpPrefix, List<Alias>> entry : approvers.routes().entrySet()) {
            IpPrefix prefix = entry.getKey();
            boolean covers = prefix.address().v6() == route.address().v6() && prefix.bits() <= route.bits()
                    && prefix.contains(route.address());
            if (covers && names(entry.getValue(), node, resolver)) {
                return true;
            }
        }
        return false;
    }

    private static boolean names(List<Alias> approvers, TailnetNode node, AliasResolver resolver) {
        IpSet addresses = resolver.resolveAll(approvers);
        return node.addresses().stream().anyMatch(addresses::contains);
    }
}
