package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.netmap.inventory.TailnetNode;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * For each enabled subnet route, the one router that serves it. With several routers for the same prefix
 * (high availability) Tailscale makes the first one registered primary; the others stay on standby.
 */
final class PrimaryRoutes {

    static final Comparator<TailnetNode> REGISTRATION_ORDER =
            Comparator.comparing(TailnetNode::registeredAt).thenComparingLong(TailnetNode::id);

    private final Map<IpPrefix, Long> primaryByPrefix = new HashMap<>();

    PrimaryRoutes(List<TailnetNode> nodes) {
        Map<IpPrefix, TailnetNode> chosen = new HashMap<>();
        for (TailnetNode node : nodes) {
            for (IpPrefix route : node.subnetRoutes()) {
                chosen.merge(route, node, (a, b) -> REGISTRATION_ORDER.compare(a, b) <= 0 ? a : b);
            }
        }
        chosen.forEach((prefix, node) -> primaryByPrefix.put(prefix, node.id()));
    }

    boolean isPrimary(TailnetNode node, IpPrefix route) {
        Long primary = primaryByPrefix.get(route);
        return primary != null && primary == node.id();
    }

}
