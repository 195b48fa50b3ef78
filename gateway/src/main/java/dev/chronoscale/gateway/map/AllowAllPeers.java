package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.PeerVisibility;
import dev.chronoscale.netmap.wire.PeerView;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What clients hold while no policy is in force, for the first policy's deltas: every node with its
 * allow-all view, in ID order. A compiler view found to route as a node's allow-all view is remembered, so
 * the next viewer's comparison is one of references. Shared by the threads working out the messages: the
 * views they remember are the same whichever thread remembers them.
 */
final class AllowAllPeers {
    private final NetmapNode[] nodes;
    private final PeerView[] views;
    private final PeerView[] routedAlike;

    AllowAllPeers(NetmapView view) {
        nodes = view.nodes().stream().sorted(Comparator.comparingLong(NetmapNode::id)).toArray(NetmapNode[]::new);
        views = new PeerView[nodes.length];
        routedAlike = new PeerView[nodes.length];
    }

    /**
     * Compares what {@code self} held (every node it may see, as allow-all shows it) with its first policy
     * peers: those it sees anew or routed otherwise go to {@code changed}, those it no longer sees to
     * {@code removed}, in ID order.
     */
    void compare(NetmapNode self, List<PeerView> compiled, PeerVisibility visibility, Instant now,
                 List<PeerView> changed, List<Long> removed) {
        int i = 0;
        for (PeerView peer : compiled) {
            while (i < nodes.length && nodes[i].id() < peer.id()) {
                if (visibility.canSee(self, nodes[i], now)) {
                    removed.add(nodes[i].id());
                }
                i++;
            }
            boolean held = i < nodes.length && nodes[i].id() == peer.id();
            if (!held || !visibility.canSee(self, nodes[i], now) || !routesAlike(i, peer)) {
                changed.add(peer);
            }
            if (held) {
                i++;
            }
        }
        for (; i < nodes.length; i++) {
            if (visibility.canSee(self, nodes[i], now)) {
                removed.add(nodes[i].id());
            }
        }
    }

    private boolean routesAlike(int index, PeerView compiled) {
        if (routedAlike[index] == compiled) {
            return true;
        }
        if (views[index] == null) {
            views[index] = NodeRenderer.allowAllView(nodes[index]);
        }
        boolean alike = PolicyDelta.sameRouting(compiled, views[index]);
        if (alike) {
            routedAlike[index] = compiled;
        }
        return alike;
    }
}
