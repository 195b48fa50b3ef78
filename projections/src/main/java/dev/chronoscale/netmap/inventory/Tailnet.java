package dev.chronoscale.netmap.inventory;

import java.util.List;

/** The node inventory a policy is compiled against. */
public record Tailnet(List<TailnetUser> users, List<TailnetNode> nodes) {

    public Tailnet {
        users = List.copyOf(users);
        nodes = List.copyOf(nodes);
    }
}
