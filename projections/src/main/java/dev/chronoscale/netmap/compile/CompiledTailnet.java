package dev.chronoscale.netmap.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.IpAddress;
import dev.chronoscale.domain.policy.IpPrefix;
import dev.chronoscale.domain.policy.IpProtocol;
import dev.chronoscale.domain.policy.IpRange;
import dev.chronoscale.domain.policy.IpSet;
import dev.chronoscale.domain.policy.NodeAttr;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.ProtocolPorts;
import dev.chronoscale.domain.policy.SshRule;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.netmap.wire.CapGrant;
import dev.chronoscale.netmap.wire.FilterRule;
import dev.chronoscale.netmap.wire.NetPortRange;
import dev.chronoscale.netmap.wire.NodeNetmap;
import dev.chronoscale.netmap.wire.PeerView;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A policy compiled against one tailnet. Compilation works on address sets and node sets (one bit per
 * node); each node's netmap is cut from the compiled rules on request, in time proportional to the number of
 * rules and the size of the answer. {@link #withNodeChange} derives the next version after one node changed,
 * recompiling only the rules whose aliases that node belongs to. Instances are immutable.
 */
public final class CompiledTailnet {

    /** Node attribute that takes a node off IPv4: it has no IPv4 address and reaches peers over IPv6 only. */
    private static final String DISABLE_IPV4 = "disable-ipv4";

    /**
     * The {@code funnel} attribute comes with the ports Funnel may use and the client's warning about Funnel
     * without HTTPS, as Tailscale sends them.
     */
    private static final String FUNNEL = "funnel";
    private static final List<String> FUNNEL_COMPANIONS = List.of(
            "https://tailscale.com/cap/funnel-ports?ports=443,8443,10000", "https://tailscale.com/cap/warn-funnel-no-https");

    private final Policy policy;
    private final String serverUrl;
    private final Map<Long, TailnetUser> users;
    private final NodeSlots slots;
    private final Tailnet tailnet;
    private final AliasTable aliases;
    private final List<Grant> grants;
    private final List<GrantCompiler.Output> outputs;
    private final List<String> approvedRouteTexts;
    private final IpSet approvedRoutes;
    private final PrimaryRoutes primaryRoutes;
    private final Map<Long, List<TailnetNode>> nodesByOwner;

    // Derived from the fields above.
    private final List<CompiledRule> rules = new ArrayList<>();
    private final List<GrantCompiler.SelfGrant> selfGrants = new ArrayList<>();
    private final List<GrantCompiler.ViaGrant> viaGrants = new ArrayList<>();
    private final List<BitSet> viaRouters = new ArrayList<>();
    private final List<IpSet> viaServed = new ArrayList<>();
    private final SshPolicyCompiler sshCompiler;
    private final List<IpSet> nodeAttrTargets = new ArrayList<>();
    private final IpSet ipv4DisabledTargets;
    private final List<String>[] addressTexts;

    private CompiledTailnet(Policy policy, String serverUrl, Map<Long, TailnetUser> users, NodeSlots slots,
                            AliasTable aliases, List<Grant> grants, List<GrantCompiler.Output> outputs,
                            List<String> approvedRouteTexts, IpSet approvedRoutes, PrimaryRoutes primaryRoutes,
                            Map<Long, List<TailnetNode>> nodesByOwner, Optional<SshPolicyCompiler> reusableSsh) {
        this.policy = policy;
        this.serverUrl = serverUrl;
        this.users = users;
        this.slots = slots;
        this.tailnet = new Tailnet(List.copyOf(users.values()), slots.nodes());
        this.aliases = aliases;
        this.grants = grants;
        this.outputs = outputs;
        this.approvedRouteTexts = approvedRouteTexts;
        this.approvedRoutes = approvedRoutes;
        this.primaryRoutes = primaryRoutes;
        this.nodesByOwner = nodesByOwner;
        for (GrantCompiler.Output output : outputs) {
            rules.addAll(output.rules());
            output.self().ifPresent(selfGrants::add);
            output.via().ifPresent(via -> {
                viaGrants.add(via);
                BitSet routers = new BitSet();
                List<IpRange> served = new ArrayList<>();
                for (int router : slots.routers()) {
                    List<IpRange> ranges = viaDestinations(via, slots.node(router));
                    if (!ranges.isEmpty()) {
                        routers.set(router);
                        served.addAll(ranges);
                    }
                }
                viaRouters.add(routers);
                viaServed.add(IpSet.of(served));
            });
        }
        this.sshCompiler = reusableSsh.orElseGet(() -> new SshPolicyCompiler(policy, tailnet, aliases, slots, serverUrl));
        List<IpSet> ipv4Off = new ArrayList<>();
        for (NodeAttr attr : policy.nodeAttrs()) {
            IpSet targets = aliases.addresses(attr.targets());
            nodeAttrTargets.add(targets);
            if (attr.attributes().contains(DISABLE_IPV4)) {
                ipv4Off.add(targets);
            }
        }
        this.ipv4DisabledTargets = ipv4Off.stream().reduce(IpSet.EMPTY, IpSet::union);
        @SuppressWarnings("unchecked")
        List<String>[] texts = new List[slots.capacity()];
        this.addressTexts = texts;
    }

    /** Compiles from scratch. */
    static CompiledTailnet compile(Policy policy, Tailnet tailnet, String serverUrl) {
        Map<Long, TailnetUser> users = new HashMap<>();
        tailnet.users().forEach(u -> users.put(u.id(), u));
        List<TailnetNode> nodes = tailnet.nodes().stream().map(n -> RouteAutoApproval.apply(policy, n, users)).toList();
        NodeSlots slots = NodeSlots.of(nodes);
        Tailnet approved = new Tailnet(tailnet.users(), nodes);
        List<Grant> grants = effectiveGrants(policy);
        AliasTable aliases = AliasTable.build(policy, approved, slots, usedAliases(policy, grants));
        List<IpPrefix> subnetRoutes = nodes.stream().flatMap(n -> n.subnetRoutes().stream()).distinct().sorted().toList();
        List<String> routeTexts = subnetRoutes.stream().map(IpPrefix::toString).toList();
        IpSet routes = IpSet.ofPrefixes(subnetRoutes);
        GrantCompiler compiler = new GrantCompiler(aliases, slots, routeTexts, routes);
        List<GrantCompiler.Output> outputs = grants.stream().map(compiler::compile).toList();
        Map<Long, List<TailnetNode>> byOwner = new HashMap<>();
        nodes.forEach(n -> n.owner().ifPresent(o -> byOwner.computeIfAbsent(o, k -> new ArrayList<>()).add(n)));
        return new CompiledTailnet(policy, serverUrl, users, slots, aliases, grants, outputs, routeTexts, routes,
                new PrimaryRoutes(nodes), byOwner, Optional.empty());
    }

    /**
     * The next version after one node was added or changed ({@code node} present) or removed (absent). Changes
     * to routes (which every wildcard rule and every peer's routing depends on) compile from scratch; anything
     * else updates the aliases the node belongs to and recompiles only the grants that use them.
     */
    public CompiledTailnet withNodeChange(long nodeId, Optional<TailnetNode> node) {
        Optional<TailnetNode> before = slots.slotOf(nodeId).map(slots::node);
        Optional<TailnetNode> after = node.map(n -> RouteAutoApproval.apply(policy, n, users));
        if (before.isEmpty() && after.isEmpty()) {
            return this;
        }
        boolean routing = !before.map(TailnetNode::enabledRoutes).orElse(List.of())
                .equals(after.map(TailnetNode::enabledRoutes).orElse(List.of()))
                || (!after.map(TailnetNode::enabledRoutes).orElse(List.of()).isEmpty()
                && !before.map(TailnetNode::registeredAt).equals(after.map(TailnetNode::registeredAt)));
        if (routing) {
            List<TailnetNode> nodes = new ArrayList<>(slots.nodes());
            nodes.removeIf(n -> n.id() == nodeId);
            after.ifPresent(nodes::add);
            return compile(policy, new Tailnet(tailnet.users(), nodes), serverUrl);
        }
        NodeSlots nextSlots = slots.with(nodeId, after);
        int slot = nextSlots.slotOf(nodeId).orElseGet(() -> slots.slotOf(nodeId).orElseThrow());
        AliasTable.Update update = aliases.withNodeChange(before, after, slot, policy, users);
        GrantCompiler compiler = new GrantCompiler(update.table(), nextSlots, approvedRouteTexts, approvedRoutes);
        List<GrantCompiler.Output> nextOutputs = new ArrayList<>(outputs.size());
        for (int i = 0; i < grants.size(); i++) {
            GrantCompiler.Output output = outputs.get(i);
            boolean affected = output.dependencies().stream().anyMatch(update.changed()::contains)
                    || (output.self().isPresent() && (before.flatMap(TailnetNode::owner).isPresent()
                    || after.flatMap(TailnetNode::owner).isPresent()));
            nextOutputs.add(affected ? compiler.compile(grants.get(i)) : output);
        }
        Map<Long, List<TailnetNode>> byOwner = new HashMap<>(nodesByOwner);
        before.flatMap(TailnetNode::owner).ifPresent(owner -> byOwner.computeIfPresent(owner,
                (o, list) -> list.stream().filter(n -> n.id() != nodeId).toList()));
        after.ifPresent(n -> n.owner().ifPresent(owner -> {
            List<TailnetNode> list = new ArrayList<>(byOwner.getOrDefault(owner, List.of()));
            list.removeIf(existing -> existing.id() == nodeId);
            list.add(n);
            byOwner.put(owner, List.copyOf(list));
        }));
        // Principals depend on a source node's owner and tag count, so any node named by an SSH rule rebuilds them.
        boolean sshUnaffected = sshCompiler.dependencies().stream().noneMatch(alias -> update.changed().contains(alias)
                || (slot < slots.capacity() && aliases.get(alias).nodes().get(slot))
                || update.table().get(alias).nodes().get(slot));
        return new CompiledTailnet(policy, serverUrl, users, nextSlots, update.table(), grants, nextOutputs,
                approvedRouteTexts, approvedRoutes, primaryRoutes, byOwner,
                sshUnaffected ? Optional.of(sshCompiler) : Optional.empty());
    }

    private static List<Grant> effectiveGrants(Policy policy) {
        // Without acls and grants Tailscale allows everything, exactly as the grant {src: *, dst: *, ip: *} would.
        return policy.allowsAll()
                ? List.of(new Grant(List.of(new Alias.Wildcard()), List.of(new Alias.Wildcard()),
                        List.of(new ProtocolPorts(IpProtocol.DEFAULT, List.of(PortRange.ANY))), Map.of(), List.of()))
                : policy.effectiveGrants();
    }

    private static Set<Alias> usedAliases(Policy policy, List<Grant> grants) {
        Set<Alias> used = new LinkedHashSet<>();
        grants.forEach(g -> used.addAll(GrantCompiler.dependencies(g)));
        for (SshRule rule : policy.ssh()) {
            used.addAll(rule.sources());
            rule.destinations().stream().filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).forEach(used::add);
        }
        policy.nodeAttrs().forEach(attr -> used.addAll(attr.targets()));
        return used;
    }

    public Policy policy() {
        return policy;
    }

    public Tailnet tailnet() {
        return tailnet;
    }

    /** The rules before they are cut down per node, as Tailscale evaluates the policy's {@code tests}. */
    public List<FilterRule> globalFilter() {
        List<FilterRule> out = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (rule.capability()) {
                List<CapGrant> grantsOut = rule.parts().stream().map(p -> new CapGrant(
                        p.addresses().prefixes().stream().map(IpPrefix::toString).toList(), p.capMap())).toList();
                out.add(new FilterRule(rule.srcIps(), List.of(), List.of(), grantsOut));
                continue;
            }
            List<NetPortRange> entries = new ArrayList<>();
            for (CompiledRule.Part part : rule.parts()) {
                List<String> ips = part.wildcard() ? List.of("*") : part.addresses().toStrings();
                for (String ip : ips) {
                    part.ports().forEach(ports -> entries.add(new NetPortRange(ip, ports)));
                }
            }
            out.add(new FilterRule(rule.srcIps(), entries, rule.ipProto(), List.of()));
        }
        return mergeWire(out);
    }

    public Optional<NodeNetmap> netmapFor(long nodeId) {
        return slots.slotOf(nodeId).map(slot -> {
            TailnetNode node = slots.node(slot);
            return new NodeNetmap(nodeId, packetFilter(slot, node), peers(slot, node), sshCompiler.rulesFor(node),
                    capMap(node));
        });
    }

    /** The node as compiled: with the routes that autoApprovers approve for it. */
    public Optional<TailnetNode> node(long nodeId) {
        return slots.slotOf(nodeId).map(slots::node);
    }

    /**
     * Nodes whose packet filter lists every approved subnet route in its SrcIPs (destinations of rules with
     * {@code *} among the sources, and via routers of such grants): they change when the set of routes does.
     */
    public Set<Long> nodesListingAllRoutes() {
        BitSet out = new BitSet();
        rules.stream().filter(CompiledRule::carriesRoutes).forEach(r -> out.or(r.destinationNodes()));
        for (int i = 0; i < viaGrants.size(); i++) {
            if (viaGrants.get(i).srcIps().stream().anyMatch(approvedRouteTexts::contains)) {
                out.or(viaRouters.get(i));
            }
        }
        return idsOf(out);
    }

    /** Routers that serve (as primary or standby) any of the given prefixes. */
    public Set<Long> routersServing(java.util.Collection<IpPrefix> prefixes) {
        BitSet out = new BitSet();
        for (int router : slots.routers()) {
            if (slots.node(router).subnetRoutes().stream().anyMatch(prefixes::contains)) {
                out.set(router);
            }
        }
        return idsOf(out);
    }

    private Set<Long> idsOf(BitSet bits) {
        Set<Long> ids = new java.util.HashSet<>();
        for (int slot = bits.nextSetBit(0); slot >= 0; slot = bits.nextSetBit(slot + 1)) {
            TailnetNode node = slots.node(slot);
            if (node != null) {
                ids.add(node.id());
            }
        }
        return ids;
    }

    /** Nodes whose SSH policy names this node (in this version) among its sources. */
    public Set<Long> sshDestinationsReachableFrom(TailnetNode source) {
        return sshCompiler.destinationsOf(source, tailnet.nodes());
    }

    // ---- packet filter ----

    private List<FilterRule> packetFilter(int slot, TailnetNode node) {
        List<FilterRule> out = new ArrayList<>();
        for (CompiledRule rule : rules) {
            if (!rule.destinationNodes().get(slot)) {
                continue;
            }
            if (rule.capability()) {
                FilterRule narrowed = capRule(rule.srcIps(), rule.parts(), node);
                if (!narrowed.capGrant().isEmpty()) {
                    out.add(narrowed);
                }
                continue;
            }
            List<NetPortRange> entries = new ArrayList<>();
            for (CompiledRule.Part part : rule.parts()) {
                List<String> ips = part.wildcard() ? List.of("*")
                        : rangesConcerning(part.addresses(), node).stream().map(IpRange::toString).toList();
                for (String ip : ips) {
                    part.ports().forEach(ports -> entries.add(new NetPortRange(ip, ports)));
                }
            }
            if (!entries.isEmpty()) {
                out.add(new FilterRule(rule.srcIps(), entries, rule.ipProto(), List.of()));
            }
        }
        out.addAll(selfRules(node));
        out.addAll(viaRules(node));
        return mergeWire(out);
    }


    /**
     * The ranges of a destination set that concern a node: those holding one of its addresses, those
     * overlapping its subnet routes (it forwards to them), and for an exit node those inside the internet.
     * Tailscale sends a destination set range by range ({@code 0.0.0.0-9.255.255.255}, or a prefix where a
     * range is exactly one), as it does SrcIPs.
     */
    private static List<IpRange> rangesConcerning(IpSet addresses, TailnetNode node) {
        TreeSet<IpRange> out = new TreeSet<>((a, b) -> a.first().compareTo(b.first()));
        node.addresses().forEach(a -> addresses.rangeContaining(a).ifPresent(out::add));
        List<IpPrefix> routes = node.subnetRoutes();
        boolean exit = node.isExitNode();
        if (!routes.isEmpty() || exit) {
            for (IpRange range : addresses.ranges()) {
                if (routes.stream().anyMatch(r -> r.range().overlaps(range))
                        || (exit && AddressSpace.INTERNET.containsRange(range))) {
                    out.add(range);
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean concerns(TailnetNode node, IpRange range) {
        return node.addresses().stream().anyMatch(range::contains)
                || node.subnetRoutes().stream().anyMatch(r -> r.range().overlaps(range))
                || (node.isExitNode() && AddressSpace.INTERNET.containsRange(range));
    }

    private static List<FilterRule> mergeWire(List<FilterRule> rules) {
        // Rules with the same sources and protocols become one rule, as Tailscale sends them.
        Map<List<Object>, Integer> positions = new HashMap<>();
        List<FilterRule> out = new ArrayList<>();
        for (FilterRule rule : rules) {
            if (!rule.capGrant().isEmpty()) {
                out.add(rule);
                continue;
            }
            List<Object> key = List.of(rule.srcIps(), rule.ipProto());
            Integer position = positions.get(key);
            if (position == null) {
                positions.put(key, out.size());
                out.add(rule);
            } else {
                FilterRule existing = out.get(position);
                List<NetPortRange> destinations = new ArrayList<>(existing.dstPorts());
                destinations.addAll(rule.dstPorts());
                out.set(position, new FilterRule(existing.srcIps(), destinations, existing.ipProto(), List.of()));
            }
        }
        return out;
    }

    /**
     * A capability rule for one node: destinations narrow to the node's own addresses, while blocks
     * overlapping the node's subnet routes stay whole (the router serves all of them).
     */
    private static FilterRule capRule(List<String> srcIps, List<CompiledRule.Part> parts, TailnetNode node) {
        List<CapGrant> grantsOut = new ArrayList<>();
        for (CompiledRule.Part part : parts) {
            Set<IpPrefix> dsts = new TreeSet<>();
            for (IpAddress address : node.addresses()) {
                if (part.addresses().contains(address)) {
                    dsts.add(IpPrefix.single(address));
                }
            }
            for (IpPrefix route : node.subnetRoutes()) {
                if (part.addresses().overlaps(route)) {
                    part.addresses().prefixes().stream().filter(route::overlaps).forEach(dsts::add);
                }
            }
            if (!dsts.isEmpty()) {
                grantsOut.add(new CapGrant(dsts.stream().map(IpPrefix::toString).toList(), part.capMap()));
            }
        }
        return new FilterRule(srcIps, List.of(), List.of(), grantsOut);
    }

    /** autogroup:self: a user's devices may reach each other; the sources narrow to the node owner's devices. */
    private List<FilterRule> selfRules(TailnetNode node) {
        if (selfGrants.isEmpty() || node.owner().isEmpty()) {
            return List.of();
        }
        List<TailnetNode> sameUser = nodesByOwner.getOrDefault(node.owner().get(), List.of());
        List<FilterRule> out = new ArrayList<>();
        for (GrantCompiler.SelfGrant grant : selfGrants) {
            List<TailnetNode> sources = selfSources(grant, sameUser);
            if (sources.isEmpty()) {
                continue;
            }
            IpSet sourceSet = IpSet.ofAddresses(sources.stream().flatMap(n -> n.addresses().stream()).toList());
            List<String> srcIps = sourceSet.toStrings();
            for (ProtocolPorts ip : grant.ip()) {
                List<NetPortRange> entries = new ArrayList<>();
                // Every device of the user is a destination; of those entries only this node's own are kept.
                for (PortRange ports : ip.ports()) {
                    for (IpAddress address : node.addresses()) {
                        entries.add(new NetPortRange(address.toString(), GrantCompiler.wire(ports)));
                    }
                }
                out.add(new FilterRule(srcIps, entries, ip.protocol().numbers(), List.of()));
            }
            if (!grant.app().isEmpty()) {
                out.add(new FilterRule(srcIps, List.of(), List.of(), List.of(new CapGrant(
                        node.addresses().stream().map(a -> IpPrefix.single(a).toString()).toList(), grant.app()))));
                List<String> destinationTexts = sameUser.stream().flatMap(n -> n.addresses().stream())
                        .map(IpAddress::toString).toList();
                for (CompiledRule companion : GrantCompiler.companions(destinationTexts, IpSet.EMPTY, new BitSet(),
                        sourceSet, new BitSet(), grant.app(), slots, false)) {
                    FilterRule narrowed = capRule(companion.srcIps(), companion.parts(), node);
                    if (!narrowed.capGrant().isEmpty()) {
                        out.add(narrowed);
                    }
                }
            }
        }
        return out;
    }

    private static List<TailnetNode> selfSources(GrantCompiler.SelfGrant grant, List<TailnetNode> sameUser) {
        return sameUser.stream().filter(candidate -> grant.sources().stream()
                .anyMatch(set -> candidate.addresses().stream().anyMatch(set::contains))).toList();
    }

    /** via: only routers carrying one of the via tags get rules, for the destinations their routes serve. */
    private List<FilterRule> viaRules(TailnetNode node) {
        List<FilterRule> out = new ArrayList<>();
        for (GrantCompiler.ViaGrant grant : viaGrants) {
            List<IpRange> served = viaDestinations(grant, node);
            for (ProtocolPorts ip : grant.ip()) {
                List<NetPortRange> entries = new ArrayList<>();
                for (IpRange range : served) {
                    if (concerns(node, range)) {
                        ip.ports().forEach(ports -> entries.add(new NetPortRange(range.toString(), GrantCompiler.wire(ports))));
                    }
                }
                if (!entries.isEmpty()) {
                    out.add(new FilterRule(grant.srcIps(), entries, ip.protocol().numbers(), List.of()));
                }
            }
        }
        return out;
    }

    private static List<IpRange> viaDestinations(GrantCompiler.ViaGrant grant, TailnetNode node) {
        if (node.tags().stream().noneMatch(grant.viaTags()::contains)) {
            return List.of();
        }
        List<IpRange> served = new ArrayList<>();
        for (IpPrefix destination : grant.destinations()) {
            if (node.subnetRoutes().stream().anyMatch(destination::overlaps)) {
                served.add(destination.range());
            }
        }
        if (grant.internet() && node.isExitNode()) {
            served.addAll(AddressSpace.INTERNET.ranges());
        }
        return served;
    }

    // ---- peers ----

    /** A peer is visible when either side may open a connection to the other, directly or through its routes. */
    private List<PeerView> peers(int slot, TailnetNode self) {
        BitSet visible = new BitSet(slots.capacity());
        for (CompiledRule rule : rules) {
            if (rule.sourceNodes().get(slot)) {
                visible.or(rule.destinationNodes());
            }
            if (rule.destinationNodes().get(slot)) {
                visible.or(rule.sourceNodes());
            }
        }
        for (int i = 0; i < viaGrants.size(); i++) {
            if (viaGrants.get(i).sourceNodes().get(slot)) {
                visible.or(viaRouters.get(i));
            }
            if (viaRouters.get(i).get(slot)) {
                visible.or(viaGrants.get(i).sourceNodes());
            }
        }
        self.owner().ifPresent(owner -> {
            List<TailnetNode> sameUser = nodesByOwner.getOrDefault(owner, List.of());
            for (GrantCompiler.SelfGrant grant : selfGrants) {
                List<TailnetNode> sources = selfSources(grant, sameUser);
                boolean isSource = sources.stream().anyMatch(n -> n.id() == self.id());
                for (TailnetNode peer : isSource ? sameUser : sources) {
                    slots.slotOf(peer.id()).ifPresent(visible::set);
                }
            }
        });
        visible.clear(slot);

        Map<IpPrefix, Long> steered = steeredRoutes(slot);
        boolean selfIpv4 = !ipv4Disabled(self);
        List<PeerView> out = new ArrayList<>(visible.cardinality());
        for (int peer = visible.nextSetBit(0); peer >= 0; peer = visible.nextSetBit(peer + 1)) {
            TailnetNode node = slots.node(peer);
            if (node == null) {
                continue;
            }
            boolean peerIpv4 = selfIpv4 && !ipv4Disabled(node);
            List<String> addresses = addressTexts(peer, node);
            if (node.enabledRoutes().isEmpty() && peerIpv4) {
                out.add(new PeerView(node.id(), node.name(), addresses, List.of()));
                continue;
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
            out.add(new PeerView(node.id(), node.name(), allowed, primary));
        }
        return out;
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
        if (viaGrants.isEmpty()) {
            return Map.of();
        }
        TailnetNode self = slots.node(slot);
        Map<IpPrefix, Long> steered = new HashMap<>();
        for (GrantCompiler.ViaGrant grant : viaGrants) {
            if (!grant.sourceNodes().get(slot)) {
                continue;
            }
            Map<IpPrefix, TailnetNode> chosen = new HashMap<>();
            for (int router : slots.routers()) {
                TailnetNode node = slots.node(router);
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
        for (CompiledRule rule : rules) {
            if (rule.sourceNodes().get(slot) && rule.destinationAddresses().overlaps(route)) {
                return true;
            }
            if (rule.destinationNodes().get(slot) && rule.sources().overlaps(route)) {
                return true;
            }
        }
        if (includeVia) {
            for (int i = 0; i < viaGrants.size(); i++) {
                if (viaGrants.get(i).sourceNodes().get(slot) && viaServed.get(i).overlaps(route)) {
                    return true;
                }
                if (viaRouters.get(i).get(slot) && viaGrants.get(i).sources().overlaps(route)) {
                    return true;
                }
            }
        }
        if (self.owner().isPresent() && !selfGrants.isEmpty()) {
            List<TailnetNode> sameUser = nodesByOwner.getOrDefault(self.owner().get(), List.of());
            for (GrantCompiler.SelfGrant grant : selfGrants) {
                List<TailnetNode> sources = selfSources(grant, sameUser);
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

    // ---- node attributes ----

    private Map<String, List<JsonNode>> capMap(TailnetNode node) {
        Map<String, List<JsonNode>> out = new TreeMap<>();
        if (policy.randomizeClientPort()) {
            out.put("randomize-client-port", null);
        }
        for (int i = 0; i < policy.nodeAttrs().size(); i++) {
            IpSet targets = nodeAttrTargets.get(i);
            if (node.addresses().stream().anyMatch(targets::contains)) {
                policy.nodeAttrs().get(i).attributes().forEach(a -> out.putIfAbsent(a, null));
            }
        }
        if (out.containsKey(FUNNEL)) {
            FUNNEL_COMPANIONS.forEach(c -> out.putIfAbsent(c, null));
        }
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "CompiledTailnet[" + slots.nodes().size() + " nodes, " + rules.size() + " rules]";
    }
}
