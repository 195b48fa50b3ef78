package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.result.PeerView;

import java.time.Instant;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Who sees whom among the nodes with a stream: the base rule ({@link BasePeerRule}) and, once a policy is in
 * force, the viewer's policy netmap, which also says how the viewer sees the peer (its AllowedIPs and routes).
 */
final class Viewers {

    private final MapStreams streams;
    private final BasePeerRule visibility;

    Viewers(MapStreams streams, BasePeerRule visibility) {
        this.streams = streams;
        this.visibility = visibility;
    }

    /**
     * A node may see a peer when the base rule allows it and, once a policy is in force, when the policy
     * lists the peer among the viewer's.
     */
    boolean canSee(NetmapNode viewer, NetmapNode peer, NetmapView view, Instant now) {
        return visibility.canSee(viewer, peer, now)
                && (!view.policyInForce() || view.policyPeer(viewer.id(), peer.id()).isPresent());
    }

    static Optional<PeerView> asSeen(NetmapNode viewer, NetmapNode peer, NetmapView view) {
        return view.policyPeer(viewer.id(), peer.id());
    }

    /**
     * Hands {@code change} every stream whose node can see {@code node}, with how it sees it: the work
     * is proportional to those viewers, and callers render the node once per way of seeing it (the
     * same AllowedIPs and routes under the policy; all viewers alike without one).
     */
    void forEach(NetmapNode node, NetmapView view, Instant now, BiConsumer<MapSession, Optional<PeerView>> change) {
        for (MapSession session : streams.all()) {
            if (session.nodeId() == node.id()) {
                continue;
            }
            Optional<NetmapNode> viewer = view.node(session.nodeId());
            if (viewer.isPresent() && canSee(viewer.get(), node, view, now)) {
                change.accept(session, asSeen(viewer.get(), node, view));
            }
        }
    }
}
