package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.NetmapChange;
import dev.chronoscale.netmap.NetmapListener;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.MapResponse;
import dev.chronoscale.tailcfg.Node;
import dev.chronoscale.tailcfg.PeerChange;
import dev.chronoscale.tailcfg.TailcfgJson;
import dev.chronoscale.tailcfg.UserProfile;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands each netmap change to the streams it concerns. A change to one node is rendered and encoded once, then
 * written to the streams of the nodes that can see it; nothing else is recomputed.
 *
 * <p>Once a policy is in force, a node sees only the peers its policy netmap lists, with the AllowedIPs
 * the compiler gave them, and receives its packet filter, SSH policy and capabilities from it. A policy
 * change arrives compiled once, as the nodes whose policy netmap changed; each of those with a stream
 * gets the difference: one message, or, when only peers changed, the stream's next batch of peer changes.
 */
final class ChangeFanOut implements NetmapListener {

    private final MapStreams streams;
    private final Viewers viewers;
    private final BasePeerRule visibility;
    private final Presence presence;
    private final NodeRenderer renderer;
    private final RenderedPeerCache peerJson;
    private final CompleteMaps completeMaps;
    private final Clock clock;

    ChangeFanOut(MapStreams streams, Viewers viewers, BasePeerRule visibility, Presence presence,
                 NodeRenderer renderer, RenderedPeerCache peerJson, CompleteMaps completeMaps, Clock clock) {
        this.streams = streams;
        this.viewers = viewers;
        this.visibility = visibility;
        this.presence = presence;
        this.renderer = renderer;
        this.peerJson = peerJson;
        this.completeMaps = completeMaps;
        this.clock = clock;
    }

    @Override
    public void changed(NetmapChange change, NetmapView view) {
        Instant now = clock.instant();
        switch (change) {
            case NetmapChange.Joined joined -> {
                NetmapNode node = joined.node();
                Map<Optional<PeerView>, RenderedPeer> shared = new HashMap<>();
                viewers.forEach(node, view, now, (session, seen) ->
                        session.peerChanged(shared.computeIfAbsent(seen, s -> rendered(node, s, view, now))));
            }
            case NetmapChange.Updated updated -> nodeUpdated(updated.before(), updated.after(), view, now);
            case NetmapChange.ReachabilityUpdated moved -> {
                NetmapNode node = moved.after();
                PeerChange patch = new PeerChange(node.id(), node.homeDerpRegion() > 0 ? node.homeDerpRegion() : null,
                        node.endpoints(), node.discoKey().orElse(null), null);
                viewers.forEach(node, view, now, (session, seen) -> session.peerPatched(patch));
            }
            case NetmapChange.Left left -> {
                NetmapNode node = left.node();
                MapSession own = streams.get(node.id());
                if (own != null) {
                    own.end();
                }
                viewers.forEach(node, view, now, (session, seen) -> session.peerRemoved(node.id()));
                peerJson.remove(node.id());
            }
            case NetmapChange.PolicyApplied applied -> policyApplied(applied, view, now);
            case NetmapChange.UserUpdated updated -> {
                // Rare enough to tell every stream; clients keep profiles they have no node for.
                EncodedMapMessage profile = new EncodedMapMessage(
                        MapResponse.profilesChanged(List.of(NodeRenderer.profile(updated.user())), now));
                streams.all().forEach(session -> session.send(profile));
            }
        }
    }

    /**
     * Tells the node what changed about itself and the streams of its viewers what changed about their peer:
     * a peer that became or stayed visible is sent again, one no longer visible removed. Called under the
     * netmap's lock, by a netmap change or when a key's expiry is reached ({@link ExpiryTimers}).
     */
    void nodeUpdated(NetmapNode before, NetmapNode after, NetmapView view, Instant now) {
        MapSession own = streams.get(after.id());
        if (own != null && before.approval() != after.approval() && !view.policyInForce()) {
            // Approved without a policy: every peer and the allow-all filter at once. (Under a policy the node's
            // first policy netmap follows as a PolicyApplied change, with its peers and filter.)
            own.send(completeMaps.encoded(completeMaps.snapshot(after, view)));
        } else if (own != null) {
            own.send(new EncodedMapMessage(MapResponse.selfChanged(
                    renderer.self(after, view.policyNetmap(after.id()), now), now)));
        }
        Map<Optional<PeerView>, RenderedPeer> changed = new HashMap<>();
        for (MapSession session : streams.all()) {
            Optional<NetmapNode> viewer = view.node(session.nodeId());
            if (viewer.isEmpty() || session.nodeId() == after.id()) {
                continue;
            }
            if (viewers.canSee(viewer.get(), after, view, now)) {
                session.peerChanged(changed.computeIfAbsent(Viewers.asSeen(viewer.get(), after, view),
                        seen -> rendered(after, seen, view, now)));
            } else if (viewers.canSee(viewer.get(), before, view, now)) {
                session.peerRemoved(after.id());
            }
        }
    }

    /**
     * Tells each stream whose node's policy netmap changed what changed for it ({@link #policyChanged}). What
     * a stream gets depends only on its node's change and the view, which nothing changes meanwhile (the
     * netmap's lock is held), so the streams are worked out on all cores.
     */
    private void policyApplied(NetmapChange.PolicyApplied applied, NetmapView view, Instant now) {
        Map<ByteBuffer, EncodedMapMessage> alike = new ConcurrentHashMap<>();
        Map<PeerView, RenderedPeer> renderedPeers = new ConcurrentHashMap<>();
        AllowAllPeers allowAll = applied.endsAllowAll() ? new AllowAllPeers(view, visibility, now) : null;
        applied.changes().entrySet().parallelStream().forEach(entry -> {
            MapSession session = streams.get(entry.getKey());
            if (session != null) {
                view.node(entry.getKey()).ifPresent(self -> policyChanged(session, self,
                        PolicyDelta.of(self, entry.getValue(), allowAll), view, now, renderedPeers, alike));
            }
        });
    }

    private RenderedPeer rendered(NetmapNode node, Optional<PeerView> asSeen, NetmapView view, Instant now) {
        UserProfile owner = renderer.ownerProfile(node, view);
        return new RenderedPeer(node.id(), peerJson.json(node, presence.isOnline(node.id()), asSeen, now),
                owner.id(), TailcfgJson.write(owner));
    }

    /**
     * One stream's part of a policy change. Peers alone (a node joined, changed or left under the policy) go
     * through the stream's batching, rendered once for all streams that see them alike; anything else (a new
     * filter, SSH policy or capabilities, a whole new peer list) goes out as one message, which streams alike
     * share.
     */
    private void policyChanged(MapSession session, NetmapNode self, PolicyDelta delta, NetmapView view, Instant now,
                               Map<PeerView, RenderedPeer> renderedPeers, Map<ByteBuffer, EncodedMapMessage> alike) {
        if (delta.isEmpty()) {
            return;
        }
        if (delta.peersOnly()) {
            for (PeerView peer : delta.changed()) {
                view.node(peer.id()).filter(node -> visibility.canSee(self, node, now)).ifPresent(node ->
                        session.peerChanged(renderedPeers.computeIfAbsent(peer,
                                seen -> rendered(node, Optional.of(seen), view, now))));
            }
            delta.removed().forEach(session::peerRemoved);
            return;
        }
        List<Node> peers = new ArrayList<>();
        Map<Long, UserProfile> profiles = new LinkedHashMap<>();
        for (PeerView peer : delta.changed()) {
            Optional<NetmapNode> node = view.node(peer.id()).filter(n -> visibility.canSee(self, n, now));
            if (node.isEmpty()) {
                continue;
            }
            peers.add(renderer.peer(node.get(), presence.isOnline(peer.id()), Optional.of(peer), now));
            UserProfile profile = renderer.ownerProfile(node.get(), view);
            profiles.putIfAbsent(profile.id(), profile);
        }
        NodeNetmap after = delta.after();
        byte[] json = TailcfgJson.write(MapResponse.policyChanged(
                delta.capsChanged() ? renderer.self(self, Optional.of(after), now) : null,
                delta.replaceAll() ? peers : null,
                delta.replaceAll() || peers.isEmpty() ? null : peers,
                delta.removed().isEmpty() ? null : delta.removed(),
                delta.filterChanged() ? after.packetFilter() : null,
                delta.sshChanged() ? after.sshPolicy() : null,
                profiles.isEmpty() ? null : List.copyOf(profiles.values()), now));
        session.send(alike.computeIfAbsent(ByteBuffer.wrap(json), k -> new EncodedMapMessage(json)));
    }
}
