package dev.chronoscale.gateway.map;

import dev.chronoscale.gateway.tailcfg.DnsConfig;
import dev.chronoscale.gateway.tailcfg.MapResponse;
import dev.chronoscale.gateway.tailcfg.Node;
import dev.chronoscale.gateway.tailcfg.PeerChange;
import dev.chronoscale.gateway.tailcfg.TailcfgJson;
import dev.chronoscale.gateway.tailcfg.UserProfile;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapChange;
import dev.chronoscale.netmap.NetmapListener;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.PeerLookup;
import dev.chronoscale.netmap.PolicyNetmaps;
import dev.chronoscale.netmap.wire.FilterRule;
import dev.chronoscale.netmap.wire.NodeNetmap;
import dev.chronoscale.netmap.wire.PeerView;
import dev.chronoscale.netmap.wire.SshPolicy;

import io.netty.channel.Channel;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * The live map streams, one per node, and the fan-out of netmap changes to them. A change to one
 * node is rendered and encoded once, then written to the streams of the nodes that can see it;
 * nothing else is recomputed. Online status is the lifetime of a node's stream: a node is online
 * while it has one, and a new stream for a node replaces (ends) the old. A node whose stream ends
 * stays online for a grace period, so a quick reconnect is invisible to its peers.
 *
 * <p>Once a policy is in force, a node sees only the peers its policy netmap lists, with the AllowedIPs
 * the compiler gave them, and receives its packet filter, SSH policy and capabilities from it. A policy
 * change arrives compiled once, as the nodes whose policy netmap changed; each of those with a stream
 * gets the difference: one message, or, when only peers changed, the stream's next batch of peer changes.
 */
public final class MapSessionRegistry implements NetmapListener {

    /** Batches of peer changes all streams together may get per second, whatever the configured delay. */
    static final int BATCHES_PER_SECOND = 20_000;

    private final Netmap netmap;
    private final BasePeerRule visibility;
    private final NodeRenderer renderer;
    private final RenderedPeerCache peerJson;
    private final MapSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Map<Long, MapSession> sessions = new ConcurrentHashMap<>();
    /** Nodes whose stream ended, until their grace period is over. */
    private final Map<Long, ScheduledFuture<?>> goingOffline = new ConcurrentHashMap<>();
    private final List<PresenceListener> presenceListeners = new CopyOnWriteArrayList<>();

    public MapSessionRegistry(Netmap netmap, BasePeerRule visibility, MapSettings settings, Clock clock,
                              ScheduledExecutorService timers) {
        this.netmap = netmap;
        this.visibility = visibility;
        this.renderer = new NodeRenderer(settings.baseDomain());
        this.peerJson = new RenderedPeerCache(renderer);
        this.settings = settings;
        this.clock = clock;
        this.timers = timers;
        netmap.addListener(this);
    }

    public boolean isOnline(long nodeId) {
        return sessions.containsKey(nodeId) || goingOffline.containsKey(nodeId);
    }

    public void addPresenceListener(PresenceListener listener) {
        presenceListeners.add(listener);
    }

    /** A stream for {@link #start}: its messages framed as the client asked, peer changes batched. */
    MapSession newSession(long nodeId, Channel stream, boolean zstd) {
        return new MapSession(nodeId, stream, zstd, this::batchDelayNanos, clock);
    }

    /**
     * The configured batch delay, lengthened when so many streams are open that batches at that pace
     * would keep the server busy with nothing else: all streams together get at most
     * {@link #BATCHES_PER_SECOND} batches a second (10,000 streams: one batch each per 500 ms).
     */
    long batchDelayNanos() {
        return Math.max(settings.batchChangeDelay().toNanos(), sessions.size() * (1_000_000_000L / BATCHES_PER_SECOND));
    }

    /**
     * Starts a node's stream: sends the complete map and, from then on, every change the node can
     * see. What the map shows is taken, and the stream registered for changes, under the netmap's
     * lock, so no change falls between the two; rendering and compressing the map happen outside
     * it, while the stream holds back the changes that arrive meanwhile.
     *
     * @return false when the node is no longer in the netmap (nothing was sent)
     */
    boolean start(MapSession session) {
        Optional<MapSnapshot> snapshot = netmap.read(view -> {
            Optional<NetmapNode> self = view.node(session.nodeId());
            if (self.isEmpty()) {
                return Optional.<MapSnapshot>empty();
            }
            MapSession replaced = sessions.put(session.nodeId(), session);
            ScheduledFuture<?> offline = goingOffline.remove(session.nodeId());
            if (replaced != null) {
                replaced.end();
            } else if (offline != null) {
                offline.cancel(false);
            } else {
                sendOnlineChange(self.get(), true, view);
                presenceListeners.forEach(l -> l.online(self.get(), session.remoteAddress()));
            }
            return Optional.of(snapshot(self.get(), view));
        });
        snapshot.ifPresent(taken -> {
            session.sendFirst(new EncodedMapMessage(fullMap(taken)));
            session.startKeepAlives(settings.keepAliveInterval());
            session.stream().closeFuture().addListener(closed -> stopped(session));
        });
        return snapshot.isPresent();
    }

    /** Sends the complete map once, for a poll that does not stream. */
    void sendComplete(MapSession session) {
        netmap.read(view -> view.node(session.nodeId()).map(self -> snapshot(self, view)))
                .ifPresent(taken -> session.sendFirst(new EncodedMapMessage(fullMap(taken))));
    }

    /** What one node's complete map shows, taken under the netmap's lock: immutable values only. */
    private record MapSnapshot(NetmapNode self, Optional<NodeNetmap> policy, boolean policyInForce,
                               List<NetmapNode> peers, List<UserProfile> profiles, Instant now) {
    }

    private MapSnapshot snapshot(NetmapNode self, NetmapView view) {
        Instant now = clock.instant();
        List<NetmapNode> peers = new ArrayList<>();
        Map<Long, UserProfile> profiles = new LinkedHashMap<>();
        UserProfile own = renderer.ownerProfile(self, view);
        profiles.put(own.id(), own);
        for (NetmapNode peer : view.nodes()) {
            if (canSee(self, peer, view, now)) {
                peers.add(peer);
                UserProfile profile = renderer.ownerProfile(peer, view);
                profiles.putIfAbsent(profile.id(), profile);
            }
        }
        peers.sort(Comparator.comparingLong(NetmapNode::id));
        return new MapSnapshot(self, view.policyNetmap(self.id()), view.policyInForce(), peers,
                List.copyOf(profiles.values()), now);
    }

    /**
     * The complete map for one node, as the first message of a stream or a one-shot poll: the message
     * without its peers, serialized, with the peers' cached JSON spliced in as {@code Peers}.
     */
    private byte[] fullMap(MapSnapshot snapshot) {
        Instant now = snapshot.now();
        List<PeerView> policyPeers = snapshot.policy().map(NodeNetmap::peers).orElse(List.of());
        List<byte[]> peers = new ArrayList<>(snapshot.peers().size());
        int peerBytes = 0;
        for (NetmapNode peer : snapshot.peers()) {
            byte[] json = peerJson.json(peer, isOnline(peer.id()), PeerLookup.find(policyPeers, peer.id()), now);
            peers.add(json);
            peerBytes += json.length + 1;
        }
        List<FilterRule> filter = snapshot.policyInForce()
                ? snapshot.policy().map(NodeNetmap::packetFilter).orElse(List.of())
                : FilterRule.ALLOW_ALL;
        SshPolicy ssh = snapshot.policyInForce()
                ? snapshot.policy().map(NodeNetmap::sshPolicy).orElse(new SshPolicy(List.of()))
                : null;
        byte[] withoutPeers = TailcfgJson.write(MapResponse.full(renderer.self(snapshot.self(), snapshot.policy(), now),
                settings.derpMap(), null, dnsConfig(), settings.baseDomain(), filter, ssh, snapshot.profiles(), now));
        ByteArrayOutputStream json = new ByteArrayOutputStream(withoutPeers.length + peerBytes + 16);
        json.write(withoutPeers, 0, withoutPeers.length - 1);
        json.writeBytes(",\"Peers\":".getBytes(StandardCharsets.US_ASCII));
        RawJsonArray.write(json, peers);
        json.write('}');
        return json.toByteArray();
    }

    private DnsConfig dnsConfig() {
        List<DnsConfig.Resolver> resolvers = settings.nameservers().stream().map(DnsConfig.Resolver::new).toList();
        List<String> domains = new ArrayList<>();
        if (settings.magicDns()) {
            domains.add(settings.baseDomain());
        }
        domains.addAll(settings.searchDomains());
        return new DnsConfig(resolvers.isEmpty() ? null : resolvers, domains.isEmpty() ? null : domains,
                settings.magicDns());
    }

    private void stopped(MapSession session) {
        long nodeId = session.nodeId();
        netmap.read(view -> {
            if (sessions.remove(nodeId, session) && view.node(nodeId).isPresent()) {
                goingOffline.put(nodeId, timers.schedule(() -> wentOffline(nodeId),
                        settings.reconnectGrace().toMillis(), TimeUnit.MILLISECONDS));
            }
            return null;
        });
    }

    private void wentOffline(long nodeId) {
        netmap.read(view -> {
            if (goingOffline.remove(nodeId) != null && !sessions.containsKey(nodeId)) {
                view.node(nodeId).ifPresent(node -> {
                    sendOnlineChange(node, false, view);
                    presenceListeners.forEach(l -> l.offline(node));
                });
            }
            return null;
        });
    }

    @Override
    public void changed(NetmapChange change, NetmapView view) {
        Instant now = clock.instant();
        switch (change) {
            case NetmapChange.Joined joined -> {
                NetmapNode node = joined.node();
                Map<Optional<PeerView>, RenderedPeer> shared = new HashMap<>();
                forEachViewer(node, view, now, (session, seen) ->
                        session.peerChanged(shared.computeIfAbsent(seen, s -> rendered(node, s, view, now))));
                watchExpiry(node, now);
            }
            case NetmapChange.Updated updated -> {
                nodeUpdated(updated.before(), updated.after(), view, now);
                if (!updated.after().expiry().equals(updated.before().expiry())) {
                    watchExpiry(updated.after(), now);
                }
            }
            case NetmapChange.ReachabilityUpdated moved -> {
                NetmapNode node = moved.after();
                PeerChange patch = new PeerChange(node.id(), node.homeDerpRegion() > 0 ? node.homeDerpRegion() : null,
                        node.endpoints(), node.discoKey().orElse(null), null);
                forEachViewer(node, view, now, (session, seen) -> session.peerPatched(patch));
            }
            case NetmapChange.Left left -> {
                NetmapNode node = left.node();
                MapSession own = sessions.get(node.id());
                if (own != null) {
                    own.end();
                }
                forEachViewer(node, view, now, (session, seen) -> session.peerRemoved(node.id()));
                peerJson.remove(node.id());
            }
            case NetmapChange.PolicyApplied applied -> policyApplied(applied, view, now);
            case NetmapChange.UserUpdated updated -> {
                // Rare enough to tell every stream; clients keep profiles they have no node for.
                EncodedMapMessage profile = new EncodedMapMessage(
                        MapResponse.profilesChanged(List.of(NodeRenderer.profile(updated.user())), now));
                sessions.values().forEach(session -> session.send(profile));
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
            MapSession session = sessions.get(entry.getKey());
            if (session != null) {
                view.node(entry.getKey()).ifPresent(self -> policyChanged(session, self,
                        PolicyDelta.of(self, entry.getValue(), allowAll), view, now, renderedPeers, alike));
            }
        });
    }

    /**
     * A node key expiring is no event (time passing is not a change anyone made), yet the node must
     * be told and its peers must drop it: a timer does at the expiry what an update would.
     */
    private void watchExpiry(NetmapNode node, Instant now) {
        node.expiry().filter(now::isBefore).ifPresent(expiry -> timers.schedule(() -> expiryReached(node.id(), expiry),
                Duration.between(now, expiry).toMillis() + 1, TimeUnit.MILLISECONDS));
    }

    private void expiryReached(long nodeId, Instant expiry) {
        netmap.read(view -> {
            view.node(nodeId).filter(node -> node.expiry().equals(Optional.of(expiry))).ifPresent(node ->
                    nodeUpdated(node.withExpiry(Optional.empty()), node, view, clock.instant()));
            return null;
        });
    }

    private void nodeUpdated(NetmapNode before, NetmapNode after, NetmapView view, Instant now) {
        MapSession own = sessions.get(after.id());
        if (own != null) {
            own.send(new EncodedMapMessage(MapResponse.selfChanged(
                    renderer.self(after, view.policyNetmap(after.id()), now), now)));
        }
        Map<Optional<PeerView>, RenderedPeer> changed = new HashMap<>();
        for (MapSession session : sessions.values()) {
            Optional<NetmapNode> viewer = view.node(session.nodeId());
            if (viewer.isEmpty() || session.nodeId() == after.id()) {
                continue;
            }
            if (canSee(viewer.get(), after, view, now)) {
                session.peerChanged(changed.computeIfAbsent(asSeen(viewer.get(), after, view),
                        seen -> rendered(after, seen, view, now)));
            } else if (canSee(viewer.get(), before, view, now)) {
                session.peerRemoved(after.id());
            }
        }
    }

    /**
     * A node may see a peer when the base rule allows it and, once a policy is in force, when the policy
     * lists the peer among the viewer's.
     */
    private boolean canSee(NetmapNode viewer, NetmapNode peer, NetmapView view, Instant now) {
        return visibility.canSee(viewer, peer, now)
                && (!view.policyInForce() || view.policyPeer(viewer.id(), peer.id()).isPresent());
    }

    private static Optional<PeerView> asSeen(NetmapNode viewer, NetmapNode peer, NetmapView view) {
        return view.policyPeer(viewer.id(), peer.id());
    }

    private RenderedPeer rendered(NetmapNode node, Optional<PeerView> asSeen, NetmapView view, Instant now) {
        UserProfile owner = renderer.ownerProfile(node, view);
        return new RenderedPeer(node.id(), peerJson.json(node, isOnline(node.id()), asSeen, now),
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
            peers.add(renderer.peer(node.get(), isOnline(peer.id()), Optional.of(peer), now));
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

    private void sendOnlineChange(NetmapNode node, boolean online, NetmapView view) {
        forEachViewer(node, view, clock.instant(), (session, seen) -> session.peerOnline(node.id(), online));
    }

    /**
     * Hands {@code change} every stream whose node can see {@code node}, with how it sees it: the work
     * is proportional to those viewers, and callers render the node once per way of seeing it (the
     * same AllowedIPs and routes under the policy; all viewers alike without one).
     */
    private void forEachViewer(NetmapNode node, NetmapView view, Instant now,
                               BiConsumer<MapSession, Optional<PeerView>> change) {
        for (MapSession session : sessions.values()) {
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
