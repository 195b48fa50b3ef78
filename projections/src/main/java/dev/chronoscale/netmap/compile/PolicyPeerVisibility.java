package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.result.PeerList;
import dev.chronoscale.netmap.result.PeerView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which peers a node sees, and through which of them it reaches subnets: a peer is visible when either side
 * may open a connection to the other; a subnet route goes to its primary router (or the via router a grant
 * steers to) when the node may use it.
 */
final class PolicyPeerVisibility {

    /** Node attribute that takes a node off IPv4: it has no IPv4 address and reaches peers over IPv6 only. */
    static final String DISABLE_IPV4 = "disable-ipv4";

    private final CompiledRules compiled;
    private final PrimaryRoutes primaryRoutes;
    private final IpSet ipv4DisabledTargets;
    private final List<String>[] addressTexts;
    /**
     * Each peer as seen by any viewer when it serves no routes: one object for all its viewers, so a tailnet
     * where n nodes see each other holds n of them, not n squared, and comparing netmaps is comparing references.
     */
    private final PeerView[] plainViews;

    private final PeerViewPool pool;
    /** Slots whose node every viewer with IPv4 sees as its plain view: no routes, IPv4 not disabled. */
    private final long[] plainSlots;
    private final Map<PeerViewPool.ChunkKey, PeerView[]> sharedChunks = new ConcurrentHashMap<>();

    PolicyPeerVisibility(CompiledRules compiled, PrimaryRoutes primaryRoutes, IpSet ipv4DisabledTargets, PeerViewPool pool) {
        this.pool = pool;
        this.compiled = compiled;
        this.primaryRoutes = primaryRoutes;
        this.ipv4DisabledTargets = ipv4DisabledTargets;
        @SuppressWarnings("unchecked")
        List<String>[] texts = new List[compiled.slots().capacity()];
        this.addressTexts = texts;
        this.plainViews = new PeerView[compiled.slots().capacity()];
        BitSet plain = new BitSet(compiled.slots().capacity());
        for (int slot = 0; slot < compiled.slots().capacity(); slot++) {
            TailnetNode node = compiled.slots().node(slot);
            if (node != null && node.enabledRoutes().isEmpty() && !ipv4Disabled(node)) {
                plain.set(slot);
            }
        }
        this.plainSlots = java.util.Arrays.copyOf(plain.toLongArray(), (compiled.slots().capacity() + 63) / 64 + 1);
    }

    /**
     * A peer is visible when either side may open a connection to the other, directly or through its routes.
     * The peers come in ID order. Where slots are in ID order, each block of 64 slots is one chunk of the list;
     * a block of plain views is the pool's shared chunk for the slots seen ({@link PeerViewPool#chunk}).
     */
    List<PeerView> peers(int slot, TailnetNode self) {
        BitSet visible = visibleSlots(slot, self);
        Map<IpPrefix, Long> steered = steeredRoutes(slot);
        boolean selfIpv4 = !ipv4Disabled(self);
        if (!compiled.slots().inIdOrder()) {
            List<PeerView> out = new ArrayList<>(visible.cardinality());
            for (int peer = visible.nextSetBit(0); peer >= 0; peer = visible.nextSetBit(peer + 1)) {
                TailnetNode node = compiled.slots().node(peer);
                if (node != null) {
                    out.add(view(slot, self, selfIpv4, steered, peer, node));
                }
            }
            out.sort(Comparator.comparingLong(PeerView::id));
            return PeerList.of(out);
        }
        long[] words = visible.toLongArray();
        List<PeerView[]> chunks = new ArrayList<>(words.length);
        for (int block = 0; block < words.length; block++) {
            long bits = words[block];
            if (bits == 0) {
                continue;
            }
            if (selfIpv4 && (bits & ~plainSlots[block]) == 0) {
                chunks.add(sharedChunk(new PeerViewPool.ChunkKey(block, bits)));
                continue;
            }
            List<PeerView> views = new ArrayList<>(Long.bitCount(bits));
            for (long rest = bits; rest != 0; rest &= rest - 1) {
                int peer = block * 64 + Long.numberOfTrailingZeros(rest);
                TailnetNode node = compiled.slots().node(peer);
                if (node != null) {
                    views.add(view(slot, self, selfIpv4, steered, peer, node));
                }
            }
            chunks.add(views.toArray(PeerView[]::new));
        }
        return PeerList.ofChunks(chunks);
    }

    /** The pool's chunk for these slots, looked up (and its views checked) once per compile. */
    private PeerView[] sharedChunk(PeerViewPool.ChunkKey key) {
        PeerView[] chunk = sharedChunks.get(key);
        if (chunk == null) {
            chunk = pool.chunk(key, peer -> plainView(peer, compiled.slots().node(peer)));
            sharedChunks.putIfAbsent(key, chunk);
        }
        return chunk;
    }

    /**
     * {@code previous} (this node's peers in ID order, as an earlier version of the tailnet gave them) with the
     * entries of {@code changed} nodes made current, the rest kept: the same as {@link #peers} when only those
     * nodes changed and no route moved, for the cost of one pass over the node's rules rather than its peers.
     */
    List<PeerView> peersPatched(int slot, TailnetNode self, List<PeerView> previous, Set<Long> changed) {
        BitSet visible = visibleSlots(slot, self);
        Map<IpPrefix, Long> steered = steeredRoutes(slot);
        boolean selfIpv4 = !ipv4Disabled(self);
        PeerList out = PeerList.of(previous);
        for (long id : changed) {
            Optional<Integer> peer = compiled.slots().slotOf(id);
            TailnetNode node = peer.isPresent() && peer.get() != slot && visible.get(peer.get())
                    ? compiled.slots().node(peer.get()) : null;
            out = node != null ? out.with(view(slot, self, selfIpv4, steered, peer.get(), node)) : out.without(id);
        }
        return out;
    }

    /** The slots of the nodes this one sees. */
    private BitSet visibleSlots(int slot, TailnetNode self) {
        BitSet visible = new BitSet(compiled.slots().capacity());
        for (CompiledRule rule : compiled.rules()) {
            if (rule.sourceNodes().get(slot)) {
                visible.or(rule.destinationNodes());
            }
            if (rule.destinationNodes().get(slot)) {
                visible.or(rule.sourceNodes());
            }
        }
        for (int i = 0; i < compiled.viaGrants().size(); i++) {
            if (compiled.viaGrants().get(i).sourceNodes().get(slot)) {
                visible.or(compiled.viaRouters().get(i));
            }
            if (compiled.viaRouters().get(i).get(slot)) {
                visible.or(compiled.viaGrants().get(i).sourceNodes());
            }
        }
        self.owner().ifPresent(owner -> {
            List<TailnetNode> sameUser = compiled.devicesOf(owner);
            for (GrantCompiler.SelfGrant grant : compiled.selfGrants()) {
                List<TailnetNode> sources = CompiledRules.selfSources(grant, sameUser);
                boolean isSource = sources.stream().anyMatch(n -> n.id() == self.id());
                for (TailnetNode peer : isSource ? sameUser : sources) {
                    compiled.slots().slotOf(peer.id()).ifPresent(visible::set);
                }
            }
        });
        visible.clear(slot);
        return visible;
    }

    /** How the node in {@code slot} sees the visible node in {@code peer}. */
    private PeerView view(int slot, TailnetNode self, boolean selfIpv4, Map<IpPrefix, Long> steered, int peer,
                          TailnetNode node) {
        boolean peerIpv4 = selfIpv4 && !ipv4Disabled(node);
        if (node.enabledRoutes().isEmpty() && peerIpv4) {
            return plainView(peer, node);
        }
        List<String> allowed = new ArrayList<>(4);
        node.addresses().stream().filter(a -> peerIpv4 || a.v6())
                .forEach(a -> allowed.add(IpPrefix.single(a).toString()));
        List<String> primary = new ArrayList<>();
        if (!node.enabledRoutes().isEmpty()) {
            for (IpPrefix route : node.subnetRoutes().stream().sorted().toList()) {
                Long server = steered.get(route);
                boolean serves = server != null ? server == node.id()
                        : primaryRoutes.isPrimary(node, route)
                        && (mayUseRoute(slot, self, route, true) || self.subnetRoutes().contains(route));
                if (serves) {
                    allowed.add(route.toString());
                    primary.add(route.toString());
                }
            }
            node.exitRoutes().forEach(r -> allowed.add(r.toString()));
        }
        return new PeerView(node.id(), node.name(), allowed, primary);
    }

    private PeerView plainView(int slot, TailnetNode node) {
        if (slot >= plainViews.length) {
            return pool.plain(node, addressTexts(slot, node));
        }
        PeerView view = plainViews[slot];
        if (view == null || view.id() != node.id()) {
            // Racing threads may both look it up; the pool hands both the same view or equal ones.
            view = pool.plain(node, addressTexts(slot, node));
            plainViews[slot] = view;
        }
        return view;
    }

    /** A node's addresses as single-address prefixes; every peer list repeats them, so they are made once. */
    private List<String> addressTexts(int slot, TailnetNode node) {
        if (slot >= addressTexts.length) {
            return node.addresses().stream().map(a -> IpPrefix.single(a).toString()).toList();
        }
        List<String> texts = addressTexts[slot];
        if (texts == null) {
            // Racing threads may both compute it; the lists are equal and immutable.
            texts = node.addresses().stream().map(a -> IpPrefix.single(a).toString()).toList();
            addressTexts[slot] = texts;
        }
        return texts;
    }

    private boolean ipv4Disabled(TailnetNode node) {
        return !ipv4DisabledTargets.isEmpty() && node.addresses().stream().anyMatch(ipv4DisabledTargets::contains);
    }

    /**
     * Routes that via grants steer for this viewer: each goes to the first registered of the via routers that
     * serve it, whichever router is primary for everyone else. A grant without via to the same route wins.
     */
    private Map<IpPrefix, Long> steeredRoutes(int slot) {
        if (compiled.viaGrants().isEmpty()) {
            return Map.of();
        }
        TailnetNode self = compiled.slots().node(slot);
        Map<IpPrefix, Long> steered = new HashMap<>();
        for (GrantCompiler.ViaGrant grant : compiled.viaGrants()) {
            if (!grant.sourceNodes().get(slot)) {
                continue;
            }
            Map<IpPrefix, TailnetNode> chosen = new HashMap<>();
            for (int router : compiled.slots().routers()) {
                TailnetNode node = compiled.slots().node(router);
                if (node.tags().stream().noneMatch(grant.viaTags()::contains)) {
                    continue;
                }
                for (IpPrefix route : node.subnetRoutes()) {
                    if (grant.destinations().stream().anyMatch(route::overlaps)) {
                        chosen.merge(route, node, (a, b) -> PrimaryRoutes.REGISTRATION_ORDER.compare(a, b) <= 0 ? a : b);
                    }
                }
            }
            chosen.forEach((route, node) -> {
                if (!mayUseRoute(slot, self, route, false)) {
                    steered.putIfAbsent(route, node.id());
                }
            });
        }
        return steered;
    }

    /** Whether some rule lets this node, or its own subnets, exchange traffic with the route's network. */
    private boolean mayUseRoute(int slot, TailnetNode self, IpPrefix route, boolean includeVia) {
        for (CompiledRule rule : compiled.rules()) {
            if (rule.sourceNodes().get(slot) && rule.destinationAddresses().overlaps(route)) {
                return true;
            }
            if (rule.destinationNodes().get(slot) && rule.sources().overlaps(route)) {
                return true;
            }
        }
        if (includeVia) {
            for (int i = 0; i < compiled.viaGrants().size(); i++) {
                if (compiled.viaGrants().get(i).sourceNodes().get(slot) && compiled.viaServed().get(i).overlaps(route)) {
                    return true;
                }
                if (compiled.viaRouters().get(i).get(slot) && compiled.viaGrants().get(i).sources().overlaps(route)) {
                    return true;
                }
            }
        }
        if (self.owner().isPresent() && !compiled.selfGrants().isEmpty()) {
            List<TailnetNode> sameUser = compiled.devicesOf(self.owner().get());
            for (GrantCompiler.SelfGrant grant : compiled.selfGrants()) {
                List<TailnetNode> sources = CompiledRules.selfSources(grant, sameUser);
                boolean isSource = sources.stream().anyMatch(n -> n.id() == self.id());
                for (TailnetNode other : isSource ? sameUser : sources) {
                    if (other.addresses().stream().anyMatch(a -> route.contains(a))) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

}
