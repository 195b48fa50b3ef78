package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;
import dev.chronoscale.netmap.PeerLookup;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.DnsConfig;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.MapResponse;
import dev.chronoscale.tailcfg.SshPolicy;
import dev.chronoscale.tailcfg.TailcfgJson;
import dev.chronoscale.tailcfg.UserProfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongPredicate;
import java.util.function.Supplier;

/**
 * A node's complete map, the first message of its stream or the answer to a one-shot poll. What it shows is
 * taken under the netmap's lock ({@link #snapshot}); it is put together outside it, from the peers' cached JSON.
 */
final class CompleteMaps {

    private final Netmap netmap;
    private final Viewers viewers;
    private final LongPredicate online;
    private final NodeRenderer renderer;
    private final RenderedPeerCache peerJson;
    private final MapSettings settings;
    private final Supplier<DnsConfig> dns;
    private final Clock clock;

    CompleteMaps(Netmap netmap, Viewers viewers, LongPredicate online, NodeRenderer renderer, RenderedPeerCache peerJson,
                 MapSettings settings, Supplier<DnsConfig> dns, Clock clock) {
        this.netmap = netmap;
        this.viewers = viewers;
        this.online = online;
        this.renderer = renderer;
        this.peerJson = peerJson;
        this.settings = settings;
        this.dns = dns;
        this.clock = clock;
    }

    /** What one node's complete map shows, taken under the netmap's lock: immutable values only. */
    record Snapshot(NetmapNode self, Optional<NodeNetmap> policy, boolean policyInForce,
                    List<NetmapNode> peers, List<UserProfile> profiles, Instant now) {
    }

    /** Sends the complete map once, for a poll that does not stream. */
    void send(MapSession session) {
        netmap.read(view -> view.node(session.nodeId()).map(self -> snapshot(self, view)))
                .ifPresent(taken -> session.sendFirst(encoded(taken)));
    }

    /** Call under the netmap's lock. */
    Snapshot snapshot(NetmapNode self, NetmapView view) {
        Instant now = clock.instant();
        List<NetmapNode> peers = new ArrayList<>();
        Map<Long, UserProfile> profiles = new LinkedHashMap<>();
        UserProfile own = renderer.ownerProfile(self, view);
        profiles.put(own.id(), own);
        for (NetmapNode peer : view.nodes()) {
            if (viewers.canSee(self, peer, view, now)) {
                peers.add(peer);
                UserProfile profile = renderer.ownerProfile(peer, view);
                profiles.putIfAbsent(profile.id(), profile);
            }
        }
        peers.sort(Comparator.comparingLong(NetmapNode::id));
        return new Snapshot(self, view.policyNetmap(self.id()), view.policyInForce(), peers,
                List.copyOf(profiles.values()), now);
    }

    EncodedMapMessage encoded(Snapshot snapshot) {
        return new EncodedMapMessage(json(snapshot));
    }

    /** The message without its peers, serialized, with the peers' cached JSON spliced in as {@code Peers}. */
    byte[] json(Snapshot snapshot) {
        Instant now = snapshot.now();
        List<PeerView> policyPeers = snapshot.policy().map(NodeNetmap::peers).orElse(List.of());
        List<byte[]> peers = new ArrayList<>(snapshot.peers().size());
        int peerBytes = 0;
        for (NetmapNode peer : snapshot.peers()) {
            byte[] json = peerJson.json(peer, online.test(peer.id()), PeerLookup.find(policyPeers, peer.id()), now);
            peers.add(json);
            peerBytes += json.length + 1;
        }
        // A node not approved (device approval) may be reached by nobody, with a policy or without.
        boolean approved = snapshot.self().isApproved();
        List<FilterRule> filter = !approved ? List.of()
                : snapshot.policyInForce() ? snapshot.policy().map(NodeNetmap::packetFilter).orElse(List.of())
                : FilterRule.ALLOW_ALL;
        SshPolicy ssh = !approved ? new SshPolicy(List.of()) : snapshot.policyInForce()
                ? snapshot.policy().map(NodeNetmap::sshPolicy).orElse(new SshPolicy(List.of()))
                : null;
        byte[] withoutPeers = TailcfgJson.write(MapResponse.full(renderer.self(snapshot.self(), snapshot.policy(), now),
                settings.derpMap(), null, dns.get(), settings.baseDomain(), filter, ssh, snapshot.profiles(), now));
        ByteArrayOutputStream json = new ByteArrayOutputStream(withoutPeers.length + peerBytes + 16);
        json.write(withoutPeers, 0, withoutPeers.length - 1);
        json.writeBytes(",\"Peers\":".getBytes(StandardCharsets.US_ASCII));
        RawJsonArray.write(json, peers);
        json.write('}');
        return json.toByteArray();
    }
}
