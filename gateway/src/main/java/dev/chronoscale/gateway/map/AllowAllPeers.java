package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.result.PeerView;

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
    /** The nodes' IDs, in an array of their own: the comparison reads them for every pair of nodes. */
    private final long[] ids;
    /** Whether other nodes may see each node, when the visibility rule depends on the peer alone; else null. */
    private final boolean[] shown;
    private final PeerView[] views;
    private final PeerView[] routedAlike;
    private final BasePeerRule visibility;
    private final Instant now;

    AllowAllPeers(NetmapView view, BasePeerRule visibility, Instant now) {
        this.visibility = visibility;
        this.now = now;
        nodes = view.nodes().stream().sorted(Comparator.comparingLong(NetmapNode::id)).toArray(NetmapNode[]::new);
        ids = new long[nodes.length];
        shown = visibility.dependsOnPeerAlone() ? new boolean[nodes.length] : null;
        for (int i = 0; i < nodes.length; i++) {
            ids[i] = nodes[i].id();
            if (shown != null) {
                shown[i] = visibility.shows(nodes[i], now);
            }
        }
        views = new PeerView[nodes.length];
        routedAlike = new PeerView[nodes.length];
    }

    /**
     * Compares what {@code self} held (every node it may see, as allow-all shows it) with its first policy
     * peers: those it sees anew or routed otherwise go to {@code changed}, those it no longer sees to
     * {@code removed}, in ID order.
     */
    void compare(NetmapNode self, List<PeerView> compiled, List<PeerView> changed, List<Long> removed) {
        int i = 0;
        for (PeerView peer : compiled) {
            long id = peer.id();
            while (i < ids.length && ids[i] < id) {
                if (held(self, i)) {
                    removed.add(ids[i]);
                }
                i++;
            }
            boolean listed = i < ids.length && ids[i] == id;
            if (!listed || !held(self, i) || !routesAlike(i, peer)) {
                changed.add(peer);
            }
            if (listed) {
                i++;
            }
        }
        for (; i < ids.length; i++) {
            if (held(self, i)) {
                removed.add(ids[i]);
            }
        }
    }

    /**
     * Whether {@code self}'s client holds the node at {@code index} (allow-all shows an approved node every visible
     * node, and one not approved none).
     */
    private boolean held(NetmapNode self, int index) {
        return shown != null ? self.isApproved() && shown[index] && ids[index] != self.id()
                : visibility.canSee(self, nodes[index], now);
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
