package dev.chronoscale.gateway.map;

import dev.chronoscale.gateway.tailcfg.DnsConfig;
import dev.chronoscale.gateway.tailcfg.FilterRule;
import dev.chronoscale.gateway.tailcfg.MapResponse;
import dev.chronoscale.gateway.tailcfg.Node;
import dev.chronoscale.gateway.tailcfg.PeerChange;
import dev.chronoscale.gateway.tailcfg.UserProfile;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapChange;
import dev.chronoscale.netmap.NetmapListener;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.PeerVisibility;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The live map streams, one per node, and the fan-out of netmap changes to them. A change to one
 * node is rendered and encoded once, then written to the streams of the nodes that can see it;
 * nothing else is recomputed. Online status is the lifetime of a node's stream: a node is online
 * while it has one, and a new stream for a node replaces (ends) the old. A node whose stream ends
 * stays online for a grace period, so a quick reconnect is invisible to its peers.
 */
public final class MapSessionRegistry implements NetmapListener {

    private final Netmap netmap;
    private final PeerVisibility visibility;
    private final NodeRenderer renderer;
    private final MapSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final Map<Long, MapSession> sessions = new ConcurrentHashMap<>();
    /** Nodes whose stream ended, until their grace period is over. */
    private final Map<Long, ScheduledFuture<?>> goingOffline = new ConcurrentHashMap<>();
    private final List<PresenceListener> presenceListeners = new CopyOnWriteArrayList<>();

    public MapSessionRegistry(Netmap netmap, PeerVisibility visibility, MapSettings settings, Clock clock,
                              ScheduledExecutorService timers) {
        this.netmap = netmap;
        this.visibility = visibility;
        this.renderer = new NodeRenderer(settings.baseDomain());
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
    private record MapSnapshot(NetmapNode self, List<NetmapNode> peers, List<UserProfile> profiles, Instant now) {
    }

    private MapSnapshot snapshot(NetmapNode self, NetmapView view) {
        Instant now = clock.instant();
        List<NetmapNode> peers = new ArrayList<>();
        Map<Long, UserProfile> profiles = new LinkedHashMap<>();
        UserProfile own = renderer.ownerProfile(self, view);
        profiles.put(own.id(), own);
        for (NetmapNode peer : view.nodes()) {
            if (visibility.canSee(self, peer, now)) {
                peers.add(peer);
                UserProfile profile = renderer.ownerProfile(peer, view);
                profiles.putIfAbsent(profile.id(), profile);
            }
        }
        peers.sort(Comparator.comparingLong(NetmapNode::id));
        return new MapSnapshot(self, peers, List.copyOf(profiles.values()), now);
    }

    /** The complete map for one node, as the first message of a stream or a one-shot poll. */
    private MapResponse fullMap(MapSnapshot snapshot) {
        Instant now = snapshot.now();
        List<Node> peers = new ArrayList<>(snapshot.peers().size());
        for (NetmapNode peer : snapshot.peers()) {
            peers.add(renderer.peer(peer, isOnline(peer.id()), now));
        }
        return MapResponse.full(renderer.self(snapshot.self(), now), settings.derpMap(), peers, dnsConfig(),
                settings.baseDomain(), FilterRule.ALLOW_ALL, snapshot.profiles(), now);
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
                sendToViewers(node, view, now, () -> peerChangedMessage(node, view, now));
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
                sendToViewers(node, view, now, () -> new EncodedMapMessage(MapResponse.peersPatched(List.of(
                        new PeerChange(node.id(), node.homeDerpRegion() > 0 ? node.homeDerpRegion() : null,
                                node.endpoints(), node.discoKey().orElse(null), null)), now)));
            }
            case NetmapChange.Left left -> {
                NetmapNode node = left.node();
                MapSession own = sessions.get(node.id());
                if (own != null) {
                    own.end();
                }
                sendToViewers(node, view, now,
                        () -> new EncodedMapMessage(MapResponse.peersRemoved(List.of(node.id()), now)));
            }
            case NetmapChange.UserUpdated updated -> {
                // Rare enough to tell every stream; clients keep profiles they have no node for.
                EncodedMapMessage profile = new EncodedMapMessage(
                        MapResponse.profilesChanged(List.of(NodeRenderer.profile(updated.user())), now));
                sessions.values().forEach(session -> session.send(profile));
            }
        }
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
            own.send(new EncodedMapMessage(MapResponse.selfChanged(renderer.self(after, now), now)));
        }
        EncodedMapMessage changed = peerChangedMessage(after, view, now);
        EncodedMapMessage removed = new EncodedMapMessage(MapResponse.peersRemoved(List.of(after.id()), now));
        for (MapSession session : sessions.values()) {
            Optional<NetmapNode> viewer = view.node(session.nodeId());
            if (viewer.isEmpty() || session.nodeId() == after.id()) {
                continue;
            }
            if (visibility.canSee(viewer.get(), after, now)) {
                session.send(changed);
            } else if (visibility.canSee(viewer.get(), before, now)) {
                session.send(removed);
            }
        }
    }

    private EncodedMapMessage peerChangedMessage(NetmapNode node, NetmapView view, Instant now) {
        return new EncodedMapMessage(MapResponse.peersChanged(List.of(renderer.peer(node, isOnline(node.id()), now)),
                List.of(renderer.ownerProfile(node, view)), now));
    }

    private void sendOnlineChange(NetmapNode node, boolean online, NetmapView view) {
        Instant now = clock.instant();
        EncodedMapMessage message = new EncodedMapMessage(
                MapResponse.onlineChanged(Map.of(Long.toString(node.id()), online), now));
        sendToViewers(node, view, now, () -> message);
    }

    /**
     * Sends to every stream whose node can see {@code node}: the work is proportional to those
     * viewers, and the message is made (serialized, later compressed) once for all of them.
     */
    private void sendToViewers(NetmapNode node, NetmapView view, Instant now, Supplier<EncodedMapMessage> message) {
        EncodedMapMessage shared = null;
        for (MapSession session : sessions.values()) {
            if (session.nodeId() == node.id()) {
                continue;
            }
            Optional<NetmapNode> viewer = view.node(session.nodeId());
            if (viewer.isPresent() && visibility.canSee(viewer.get(), node, now)) {
                if (shared == null) {
                    shared = message.get();
                }
                session.send(shared);
            }
        }
    }
}
