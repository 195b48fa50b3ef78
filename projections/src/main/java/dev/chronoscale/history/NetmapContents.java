package dev.chronoscale.history;

import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapUser;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The users and nodes a netmap holds, in the order the policy compiler was given them: restored in that order,
 * the tailnet a policy is compiled against lists them as the replayed one did. Nodes the compiler does not see
 * (no addresses yet) come last, by id.
 */
record NetmapContents(List<NetmapUser> users, List<NetmapNode> nodes) {

    NetmapContents {
        users = List.copyOf(users);
        nodes = List.copyOf(nodes);
    }

    static NetmapContents of(Netmap netmap) {
        return netmap.read(view -> {
            Tailnet tailnet = netmap.tailnet();
            List<NetmapUser> users = tailnet.users().stream()
                    .map(user -> view.user(user.id()).orElseThrow(() -> new IllegalStateException(
                            "user " + user.id() + " is compiled against but not in the netmap")))
                    .toList();
            List<NetmapNode> nodes = new ArrayList<>();
            Set<Long> compiled = new HashSet<>();
            for (TailnetNode node : tailnet.nodes()) {
                view.node(node.id()).ifPresent(nodes::add);
                compiled.add(node.id());
            }
            view.nodes().stream().filter(node -> !compiled.contains(node.id()))
                    .sorted(Comparator.comparingLong(NetmapNode::id)).forEach(nodes::add);
            return new NetmapContents(users, nodes);
        });
    }

    /** Feeds the users and nodes to an empty netmap through its public mutators. */
    void restoreInto(Netmap netmap) {
        users.forEach(netmap::userUpdated);
        nodes.forEach(netmap::joined);
    }
}
