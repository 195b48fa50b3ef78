package dev.chronoscale.inventory;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;

import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * The tailnet as the policy compiler sees it, read from the inventory: used to run a policy's own
 * tests against the devices that exist when the policy is set.
 */
public final class InventoryTailnet implements Supplier<Tailnet> {

    private final InventoryQueries inventory;

    public InventoryTailnet(InventoryQueries inventory) {
        this.inventory = inventory;
    }

    @Override
    public Tailnet get() {
        List<TailnetUser> users = inventory.users().stream()
                .map(u -> new TailnetUser(u.id(), u.name(), u.email() == null ? "" : u.email()))
                .toList();
        List<TailnetNode> nodes = inventory.nodes().stream()
                .filter(n -> n.ipv4().isPresent() && n.ipv6().isPresent())
                .map(InventoryTailnet::node)
                .toList();
        return new Tailnet(users, nodes);
    }

    private static TailnetNode node(NodeView n) {
        return new TailnetNode(n.id(), n.givenName(), n.userId(), new HashSet<>(n.tags()),
                IpAddress.parse(n.ipv4().orElseThrow()), IpAddress.parse(n.ipv6().orElseThrow()),
                n.advertisedRoutes().stream().map(IpPrefix::parse).toList(),
                n.approvedRoutes().stream().map(IpPrefix::parse).toList(), n.createdAt());
    }
}
