package dev.chronoscale.netmap.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.IpAddress;
import dev.chronoscale.domain.policy.IpPrefix;
import dev.chronoscale.domain.policy.IpRange;
import dev.chronoscale.domain.policy.IpSet;
import dev.chronoscale.domain.policy.NodeAttr;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.ProtocolPorts;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.wire.CapGrant;
import dev.chronoscale.netmap.wire.FilterRule;
import dev.chronoscale.netmap.wire.NetPortRange;
import dev.chronoscale.netmap.wire.NodeNetmap;
import dev.chronoscale.netmap.wire.PeerView;
import dev.chronoscale.netmap.wire.WirePortRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A policy compiled against one tailnet; hands out each node's netmap. Immutable once built. */
public final class CompiledTailnet {

    /** Capabilities whose grant implies a reverse grant, as Tailscale adds it (the sharer side of Taildrive, relay targets). */
    private static final Map<String, String> COMPANION_CAPABILITIES = new TreeMap<>(Map.of(
            "tailscale.com/cap/drive", "tailscale.com/cap/drive-sharer",
            "tailscale.com/cap/relay", "tailscale.com/cap/relay-target"));

    /** Node attribute that takes a node off IPv4: it has no IPv4 address and reaches peers over IPv6 only. */
    private static final String DISABLE_IPV4 = "disable-ipv4";

    private final Policy policy;
    private final Tailnet tailnet;
    private final NodeIndex index;
    private final AliasResolver resolver;
    private final PrimaryRoutes primaryRoutes;
    private final SshPolicyCompiler sshCompiler;
    private final Map<Long, Integer> indexById = new HashMap<>();
    private final List<String> approvedSubnetRouteTexts;
    private final IpSet approvedSubnetRoutes;
    private final Map<Long, List<TailnetNode>> nodesByOwner = new HashMap<>();

    private final List<RuleTemplate> globalRules = new ArrayList<>();
    private final List<SelfGrant> selfGrants = new ArrayList<>();
    private final List<ViaGrant> viaGrants = new ArrayList<>();
    /** Per node, the (rule, destination) pairs of global rules that concern it, in rule order. */
    private final long[][] destinationsByNode;

    /** Per via grant, the nodes among its sources; they reach the grant's routes only through its via routers. */
    private final List<BitSet> viaSourceNodes = new ArrayList<>();
    private final Set<Long> ipv4Disabled = new java.util.HashSet<>();

    private final List<IpSet> nodeAttrTargets = new ArrayList<>();

    private final List<Reach> reaches = new ArrayList<>();
    private final List<List<Integer>> reachesAsSource;
    private final List<List<Integer>> reachesAsDestination;

    private record SelfGrant(List<IpSet> sources, List<ProtocolPorts> ip, Map<String, List<JsonNode>> app) {
    }

    private record ViaGrant(List<String> srcIps, IpSet sources, Set<String> viaTags, List<IpPrefix> destinations, boolean internet,
                            List<ProtocolPorts> ip) {
    }

    /** Who may open connections to whom under one rule: the basis of peer visibility and route visibility. */
    private record Reach(IpSet sources, IpSet destinations, BitSet sourceNodes, BitSet destinationNodes, boolean via) {
    }

    CompiledTailnet(Policy policy, Tailnet tailnet, String serverUrl) {
        this.policy = policy;
        this.tailnet = tailnet;
        this.index = new NodeIndex(tailnet.nodes());
        this.resolver = new AliasResolver(policy, tailnet);
        this.primaryRoutes = new PrimaryRoutes(tailnet.nodes());
        this.sshCompiler = new SshPolicyCompiler(policy, tailnet, resolver, serverUrl);
        for (int i = 0; i < index.size(); i++) {
            indexById.put(index.node(i).id(), i);
        }
        List<IpPrefix> subnetRoutes = tailnet.nodes().stream().flatMap(n -> n.subnetRoutes().stream())
                .distinct().sorted().toList();
        approvedSubnetRouteTexts = subnetRoutes.stream().map(IpPrefix::toString).toList();
        approvedSubnetRoutes = IpSet.ofPrefixes(subnetRoutes);
        for (TailnetNode node : tailnet.nodes()) {
            node.owner().ifPresent(owner -> nodesByOwner.computeIfAbsent(owner, o -> new ArrayList<>()).add(node));
        }

        // Without acls and grants Tailscale allows everything, exactly as the grant {src: *, dst: *, ip: *} would.
        List<Grant> grants = policy.allowsAll()
                ? List.of(new Grant(List.of(new Alias.Wildcard()), List.of(new Alias.Wildcard()),
                        List.of(new ProtocolPorts(dev.chronoscale.domain.policy.IpProtocol.DEFAULT, List.of(PortRange.ANY))),
                        Map.of(), List.of()))
                : policy.effectiveGrants();
        List<RuleTemplate> unmerged = new ArrayList<>();
        for (Grant grant : grants) {
            compileGrant(grant, unmerged);
        }
        globalRules.addAll(merge(unmerged));
        destinationsByNode = indexDestinations();

        reachesAsSource = new ArrayList<>(index.size());
        reachesAsDestination = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            reachesAsSource.add(new ArrayList<>());
            reachesAsDestination.add(new ArrayList<>());
        }
        buildReaches();
        policy.nodeAttrs().forEach(attr -> nodeAttrTargets.add(resolver.resolveAll(attr.targets())));
        for (TailnetNode node : tailnet.nodes()) {
            if (capMap(node).containsKey(DISABLE_IPV4)) {
                ipv4Disabled.add(node.id());
            }
        }
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
        for (RuleTemplate rule : globalRules) {
            out.add(rule.isCapGrant() ? capRule(rule, Optional.empty()) : rule.wire(rule.destinations()));
        }
        return out;
    }

    public Optional<NodeNetmap> netmapFor(long nodeId) {
        Integer position = indexById.get(nodeId);
        if (position == null) {
            return Optional.empty();
        }
        TailnetNode node = index.node(position);
        return Optional.of(new NodeNetmap(nodeId, packetFilter(position), peers(position),
                sshCompiler.rulesFor(node), capMap(node)));
    }

    /** Nodes whose SSH policy names this node (in this version) among its sources. */
    public Set<Long> sshDestinationsReachableFrom(TailnetNode source) {
        return sshCompiler.destinationsOf(source, tailnet.nodes());
    }

    // ---- grant compilation ----

    private void compileGrant(Grant grant, List<RuleTemplate> out) {
        if (grant.sources().isEmpty() || grant.destinations().isEmpty()) {
            return;
        }
        List<IpSet> resolvedSources = new ArrayList<>();
        List<IpSet> nonWildcardSources = new ArrayList<>();
        for (Alias source : grant.sources()) {
            IpSet addresses = resolver.resolve(source);
            resolvedSources.add(addresses);
            if (!(source instanceof Alias.Wildcard)) {
                nonWildcardSources.add(addresses);
            }
        }
        IpSet sourceSet = resolvedSources.stream().reduce(IpSet.EMPTY, IpSet::union);
        boolean wildcard = grant.sources().stream().anyMatch(s -> s instanceof Alias.Wildcard);
        boolean dangerAll = grant.sources().stream().anyMatch(s -> AliasResolver.isAutogroup(s, Autogroup.DANGER_ALL));
        List<String> srcIps = sourceTexts(sourceSet, nonWildcardSources, wildcard, dangerAll);

        if (!grant.via().isEmpty()) {
            if (sourceSet.isEmpty()) {
                return;
            }
            List<IpPrefix> destinations = new ArrayList<>();
            boolean internet = false;
            for (Alias destination : grant.destinations()) {
                if (AliasResolver.isAutogroup(destination, Autogroup.INTERNET)) {
                    internet = true;
                } else {
                    destinations.addAll(resolver.resolve(destination).prefixes());
                }
            }
            Set<String> tags = new LinkedHashSet<>();
            grant.via().forEach(t -> tags.add(t.name()));
            viaGrants.add(new ViaGrant(srcIps, matchSet(sourceSet, wildcard, dangerAll), tags, destinations, internet,
                    grant.ip()));
            return;
        }

        if (sourceSet.isEmpty() && grant.app().isEmpty()) {
            return;
        }
        List<Alias> others = grant.destinations().stream()
                .filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).toList();
        if (others.size() < grant.destinations().size()) {
            selfGrants.add(new SelfGrant(resolvedSources, grant.ip(), grant.app()));
        }
        if (others.isEmpty()) {
            return;
        }
        for (ProtocolPorts ip : grant.ip()) {
            List<RuleTemplate.Destination> destinations = new ArrayList<>();
            for (Alias destination : others) {
                if (destination instanceof Alias.Wildcard) {
                    for (PortRange ports : ip.ports()) {
                        destinations.add(new RuleTemplate.Destination("*", AddressSpace.ALL, wire(ports)));
                    }
                    continue;
                }
                for (IpPrefix prefix : resolver.resolve(destination).prefixes()) {
                    IpSet covered = IpSet.ofPrefixes(List.of(prefix));
                    String text = prefix.isSingleAddress() ? prefix.address().toString() : prefix.toString();
                    for (PortRange ports : ip.ports()) {
                        destinations.add(new RuleTemplate.Destination(text, covered, wire(ports)));
                    }
                }
            }
            if (!destinations.isEmpty() && !srcIps.isEmpty()) {
                out.add(new RuleTemplate(srcIps, matchSet(sourceSet, wildcard, dangerAll), destinations,
                        ip.protocol().numbers(), List.of()));
            }
        }
        if (!grant.app().isEmpty()) {
            List<RuleTemplate.CapTarget> targets = new ArrayList<>();
            List<String> destinationTexts = new ArrayList<>();
            for (Alias destination : others) {
                IpSet addresses = resolver.resolve(destination);
                targets.add(new RuleTemplate.CapTarget(addresses.prefixes(), grant.app()));
                destinationTexts.addAll(addresses.toStrings());
            }
            out.add(new RuleTemplate(srcIps, matchSet(sourceSet, wildcard, dangerAll), List.of(), List.of(), targets));
            if (others.stream().anyMatch(d -> d instanceof Alias.Wildcard)) {
                destinationTexts.addAll(approvedSubnetRouteTexts);
            }
            out.addAll(companions(destinationTexts, sourceSet.prefixes(), grant.app()));
        }
    }

    private List<RuleTemplate> companions(List<String> srcIps, List<IpPrefix> destinations,
                                          Map<String, List<JsonNode>> app) {
        List<RuleTemplate> out = new ArrayList<>();
        COMPANION_CAPABILITIES.forEach((capability, companion) -> {
            if (app.containsKey(capability)) {
                Map<String, List<JsonNode>> capMap = new LinkedHashMap<>();
                capMap.put(companion, null);
                out.add(new RuleTemplate(srcIps, RuleTemplate.parseSources(srcIps), List.of(), List.of(),
                        List.of(new RuleTemplate.CapTarget(destinations, Collections.unmodifiableMap(capMap)))));
            }
        });
        return out;
    }

    /**
     * SrcIPs as Tailscale sends them: the merged ranges, then (for {@code *}) each approved subnet route,
     * then the addresses of the rule's other sources again, which Tailscale keeps beside the wildcard.
     */
    private List<String> sourceTexts(IpSet sourceSet, List<IpSet> nonWildcard, boolean wildcard, boolean dangerAll) {
        if (dangerAll) {
            return List.of("*");
        }
        if (sourceSet.isEmpty()) {
            return List.of();
        }
        LinkedHashSet<String> texts = new LinkedHashSet<>(sourceSet.toStrings());
        if (wildcard) {
            texts.addAll(approvedSubnetRouteTexts);
            nonWildcard.forEach(set -> texts.addAll(set.toStrings()));
        }
        return List.copyOf(texts);
    }

    /** The addresses a rule's SrcIPs cover, computed rather than parsed back from the strings. */
    private IpSet matchSet(IpSet sourceSet, boolean wildcard, boolean dangerAll) {
        if (dangerAll) {
            return AddressSpace.ALL;
        }
        return wildcard ? sourceSet.union(approvedSubnetRoutes) : sourceSet;
    }

    private static WirePortRange wire(PortRange ports) {
        return new WirePortRange(ports.first(), ports.last());
    }

    /** Rules with the same sources and protocols become one rule; capability rules stay as they are. */
    private static List<RuleTemplate> merge(List<RuleTemplate> rules) {
        Map<List<Object>, Integer> positions = new HashMap<>();
        List<RuleTemplate> out = new ArrayList<>();
        for (RuleTemplate rule : rules) {
            if (rule.isCapGrant()) {
                out.add(rule);
                continue;
            }
            List<Object> key = List.of(rule.srcIps(), rule.ipProto());
            Integer position = positions.get(key);
            if (position == null) {
                positions.put(key, out.size());
                out.add(rule);
            } else {
                RuleTemplate existing = out.get(position);
                List<RuleTemplate.Destination> destinations = new ArrayList<>(existing.destinations());
                destinations.addAll(rule.destinations());
                out.set(position, new RuleTemplate(existing.srcIps(), existing.sources(), destinations,
                        existing.ipProto(), List.of()));
            }
        }
        return out;
    }

    // ---- per-node packet filter ----

    private long[][] indexDestinations() {
        List<List<Long>> byNode = new ArrayList<>(index.size());
        for (int i = 0; i < index.size(); i++) {
            byNode.add(new ArrayList<>());
        }
        for (int r = 0; r < globalRules.size(); r++) {
            RuleTemplate rule = globalRules.get(r);
            if (rule.isCapGrant()) {
                continue;
            }
            for (int d = 0; d < rule.destinations().size(); d++) {
                long pair = ((long) r << 32) | d;
                RuleTemplate.Destination destination = rule.destinations().get(d);
                index.forEachNodeWithAddressIn(destination.addresses(), n -> addOnce(byNode.get(n), pair));
                index.forEachRouterConcerned(destination.addresses(), n -> addOnce(byNode.get(n), pair));
            }
        }
        long[][] out = new long[index.size()][];
        for (int i = 0; i < index.size(); i++) {
            List<Long> pairs = byNode.get(i);
            pairs.sort(null);
            out[i] = pairs.stream().mapToLong(Long::longValue).toArray();
        }
        return out;
    }

    private static void addOnce(List<Long> list, long value) {
        if (list.isEmpty() || list.get(list.size() - 1) != value) {
            list.add(value);
        }
    }

    /** A router also receives rules for traffic it forwards: to its subnets, or (as exit node) to the internet. */
    private static boolean concernsRouter(TailnetNode node, IpSet destination) {
        if (node.subnetRoutes().stream().anyMatch(destination::overlaps)) {
            return true;
        }
        return node.isExitNode() && AddressSpace.INTERNET.containsAllOf(destination);
    }

    private static boolean concerns(TailnetNode node, IpSet destination) {
        return node.addresses().stream().anyMatch(destination::contains) || concernsRouter(node, destination);
    }

    private List<FilterRule> packetFilter(int position) {
        TailnetNode node = index.node(position);
        List<FilterRule> rules = new ArrayList<>();
        long[] pairs = destinationsByNode[position];
        int i = 0;
        while (i < pairs.length) {
            int rule = (int) (pairs[i] >>> 32);
            RuleTemplate template = globalRules.get(rule);
            List<RuleTemplate.Destination> kept = new ArrayList<>();
            while (i < pairs.length && (int) (pairs[i] >>> 32) == rule) {
                kept.add(template.destinations().get((int) pairs[i]));
                i++;
            }
            rules.add(template.wire(kept));
        }
        for (RuleTemplate template : globalRules) {
            if (template.isCapGrant()) {
                FilterRule reduced = capRule(template, Optional.of(node));
                if (!reduced.capGrant().isEmpty()) {
                    rules.add(reduced);
                }
            }
        }
        List<RuleTemplate> extra = new ArrayList<>();
        extra.addAll(selfRules(node));
        extra.addAll(viaRules(node));
        for (RuleTemplate template : extra) {
            if (template.isCapGrant()) {
                FilterRule reduced = capRule(template, Optional.of(node));
                if (!reduced.capGrant().isEmpty()) {
                    rules.add(reduced);
                }
                continue;
            }
            List<RuleTemplate.Destination> kept = template.destinations().stream()
                    .filter(d -> concerns(node, d.addresses())).toList();
            if (!kept.isEmpty()) {
                rules.add(template.wire(kept));
            }
        }
        return mergeWire(rules);
    }

    private static List<FilterRule> mergeWire(List<FilterRule> rules) {
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
     * A capability rule for one node: broad destination prefixes narrow to the node's own addresses, while
     * prefixes overlapping the node's subnet routes stay whole (the router serves all of them).
     */
    private FilterRule capRule(RuleTemplate template, Optional<TailnetNode> node) {
        List<CapGrant> grants = new ArrayList<>();
        for (RuleTemplate.CapTarget target : template.capTargets()) {
            List<IpPrefix> dsts = new ArrayList<>();
            if (node.isEmpty()) {
                dsts.addAll(target.prefixes());
            } else {
                for (IpPrefix prefix : target.prefixes()) {
                    for (IpAddress address : node.get().addresses()) {
                        if (prefix.contains(address)) {
                            dsts.add(IpPrefix.single(address));
                        }
                    }
                    for (IpPrefix route : node.get().subnetRoutes()) {
                        if (prefix.overlaps(route)) {
                            dsts.add(prefix);
                        }
                    }
                }
            }
            List<String> texts = dsts.stream().distinct().sorted().map(IpPrefix::toString).toList();
            if (!texts.isEmpty()) {
                grants.add(new CapGrant(texts, target.capMap()));
            }
        }
        return RuleTemplate.capWire(template.srcIps(), grants);
    }

    /** autogroup:self: a user's devices may reach each other; the sources narrow to the node owner's devices. */
    private List<RuleTemplate> selfRules(TailnetNode node) {
        if (selfGrants.isEmpty() || node.owner().isEmpty()) {
            return List.of();
        }
        List<TailnetNode> sameUser = sameUserNodes(node.owner().get());
        List<RuleTemplate> out = new ArrayList<>();
        for (SelfGrant grant : selfGrants) {
            List<IpAddress> sourceAddresses = new ArrayList<>();
            for (TailnetNode candidate : sameUser) {
                boolean isSource = grant.sources().stream()
                        .anyMatch(set -> candidate.addresses().stream().anyMatch(set::contains));
                if (isSource) {
                    sourceAddresses.addAll(candidate.addresses());
                }
            }
            if (sourceAddresses.isEmpty()) {
                continue;
            }
            IpSet sources = IpSet.ofAddresses(sourceAddresses);
            List<String> srcIps = sources.toStrings();
            for (ProtocolPorts ip : grant.ip()) {
                List<RuleTemplate.Destination> destinations = new ArrayList<>();
                for (TailnetNode target : sameUser) {
                    for (PortRange ports : ip.ports()) {
                        for (IpAddress address : target.addresses()) {
                            destinations.add(new RuleTemplate.Destination(address.toString(),
                                    IpSet.ofAddresses(List.of(address)), wire(ports)));
                        }
                    }
                }
                out.add(new RuleTemplate(srcIps, sources, destinations, ip.protocol().numbers(), List.of()));
            }
            if (!grant.app().isEmpty()) {
                List<RuleTemplate.CapTarget> targets = new ArrayList<>();
                List<String> destinationTexts = new ArrayList<>();
                for (TailnetNode target : sameUser) {
                    targets.add(new RuleTemplate.CapTarget(
                            target.addresses().stream().map(IpPrefix::single).toList(), grant.app()));
                    target.addresses().forEach(a -> destinationTexts.add(a.toString()));
                }
                out.add(new RuleTemplate(srcIps, sources, List.of(), List.of(), targets));
                out.addAll(companions(destinationTexts, sources.prefixes(), grant.app()));
            }
        }
        return out;
    }

    private List<TailnetNode> sameUserNodes(long userId) {
        return nodesByOwner.getOrDefault(userId, List.of());
    }

    /** via: only routers carrying one of the via tags get rules, for the destinations their routes serve. */
    private List<RuleTemplate> viaRules(TailnetNode node) {
        List<RuleTemplate> out = new ArrayList<>();
        for (ViaGrant grant : viaGrants) {
            List<IpPrefix> served = viaDestinations(grant, node);
            if (served.isEmpty()) {
                continue;
            }
            for (ProtocolPorts ip : grant.ip()) {
                List<RuleTemplate.Destination> destinations = new ArrayList<>();
                for (IpPrefix prefix : served) {
                    for (PortRange ports : ip.ports()) {
                        destinations.add(new RuleTemplate.Destination(prefix.toString(),
                                IpSet.ofPrefixes(List.of(prefix)), wire(ports)));
                    }
                }
                out.add(new RuleTemplate(grant.srcIps(), grant.sources(), destinations,
                        ip.protocol().numbers(), List.of()));
            }
        }
        return out;
    }

    private static List<IpPrefix> viaDestinations(ViaGrant grant, TailnetNode node) {
        if (node.tags().stream().noneMatch(grant.viaTags()::contains)) {
            return List.of();
        }
        List<IpPrefix> served = new ArrayList<>();
        for (IpPrefix destination : grant.destinations()) {
            if (node.subnetRoutes().stream().anyMatch(destination::overlaps)) {
                served.add(destination);
            }
        }
        if (grant.internet() && node.isExitNode()) {
            served.addAll(AddressSpace.INTERNET.prefixes());
        }
        return served;
    }

    // ---- peers ----

    private void buildReaches() {
        for (RuleTemplate rule : globalRules) {
            addReach(rule.sources(), rule.destinationAddresses());
        }
        for (SelfGrant grant : selfGrants) {
            Map<Long, List<TailnetNode>> byUser = nodesByOwner;
            IpSet allSources = grant.sources().stream().reduce(IpSet.EMPTY, IpSet::union);
            for (List<TailnetNode> devices : byUser.values()) {
                List<IpAddress> sources = new ArrayList<>();
                List<IpAddress> destinations = new ArrayList<>();
                for (TailnetNode device : devices) {
                    destinations.addAll(device.addresses());
                    if (device.addresses().stream().anyMatch(allSources::contains)) {
                        sources.addAll(device.addresses());
                    }
                }
                if (!sources.isEmpty()) {
                    addReach(IpSet.ofAddresses(sources), IpSet.ofAddresses(destinations));
                }
            }
        }
        for (ViaGrant grant : viaGrants) {
            IpSet sources = grant.sources();
            BitSet sourceNodes = index.covered(sources, false);
            viaSourceNodes.add(sourceNodes);
            BitSet routers = new BitSet(index.size());
            List<IpRange> served = new ArrayList<>();
            for (int router : index.routers()) {
                List<IpPrefix> prefixes = viaDestinations(grant, index.node(router));
                if (!prefixes.isEmpty()) {
                    routers.set(router);
                    prefixes.forEach(p -> served.add(p.range()));
                }
            }
            if (!routers.isEmpty()) {
                register(new Reach(sources, IpSet.of(served), sourceNodes, routers, true));
            }
        }
    }

    private void addReach(IpSet sources, IpSet destinations) {
        register(new Reach(sources, destinations, index.covered(sources, false), index.covered(destinations, true), false));
    }

    private void register(Reach reach) {
        int position = reaches.size();
        reaches.add(reach);
        reach.sourceNodes().stream().forEach(n -> reachesAsSource.get(n).add(position));
        reach.destinationNodes().stream().forEach(n -> reachesAsDestination.get(n).add(position));
    }

    /** A peer is visible when either side may open a connection to the other, directly or through its routes. */
    private List<PeerView> peers(int position) {
        BitSet visible = new BitSet(index.size());
        for (int reach : reachesAsSource.get(position)) {
            visible.or(reaches.get(reach).destinationNodes());
        }
        for (int reach : reachesAsDestination.get(position)) {
            visible.or(reaches.get(reach).sourceNodes());
        }
        visible.clear(position);
        TailnetNode self = index.node(position);
        Map<IpPrefix, Long> steered = steeredRoutes(position);
        boolean selfIpv4 = !ipv4Disabled.contains(self.id());
        List<PeerView> out = new ArrayList<>(visible.cardinality());
        for (int peer = visible.nextSetBit(0); peer >= 0; peer = visible.nextSetBit(peer + 1)) {
            TailnetNode node = index.node(peer);
            boolean peerIpv4 = selfIpv4 && !ipv4Disabled.contains(node.id());
            List<String> addresses = index.addressTexts(peer);
            if (index.subnetRoutes(peer).isEmpty() && index.exitRoutes(peer).isEmpty() && peerIpv4) {
                out.add(new PeerView(node.id(), node.name(), addresses, List.of()));
                continue;
            }
            List<String> allowed = new ArrayList<>();
            node.addresses().stream().filter(a -> peerIpv4 || a.v6())
                    .forEach(a -> allowed.add(IpPrefix.single(a).toString()));
            List<String> primary = new ArrayList<>();
            for (IpPrefix route : index.subnetRoutes(peer).stream().sorted().toList()) {
                Long server = steered.get(route);
                boolean serves = server != null ? server == node.id()
                        : primaryRoutes.primaryRoutesOf(node).contains(route)
                        && (mayUseRoute(position, route, true) || self.subnetRoutes().contains(route));
                if (serves) {
                    allowed.add(route.toString());
                    primary.add(route.toString());
                }
            }
            index.exitRoutes(peer).forEach(r -> allowed.add(r.toString()));
            out.add(new PeerView(node.id(), node.name(), allowed, primary));
        }
        return out;
    }

    /**
     * Routes that via grants steer for this viewer: each goes to the first registered of the via routers that
     * serve it, whichever router is primary for everyone else.
     */
    private Map<IpPrefix, Long> steeredRoutes(int position) {
        Map<IpPrefix, Long> steered = new HashMap<>();
        for (int g = 0; g < viaGrants.size(); g++) {
            if (!viaSourceNodes.get(g).get(position)) {
                continue;
            }
            ViaGrant grant = viaGrants.get(g);
            Map<IpPrefix, TailnetNode> chosen = new HashMap<>();
            for (int router : index.routers()) {
                TailnetNode node = index.node(router);
                if (node.tags().stream().noneMatch(grant.viaTags()::contains)) {
                    continue;
                }
                for (IpPrefix route : node.subnetRoutes()) {
                    if (grant.destinations().stream().anyMatch(route::overlaps)) {
                        chosen.merge(route, node, (a, b) -> PrimaryRoutes.REGISTRATION_ORDER.compare(a, b) <= 0 ? a : b);
                    }
                }
            }
            // A grant without via to the same route wins: the viewer then uses the route's ordinary primary.
            chosen.forEach((route, node) -> {
                if (!mayUseRoute(position, route, false)) {
                    steered.putIfAbsent(route, node.id());
                }
            });
        }
        return steered;
    }

    private boolean mayUseRoute(int position, IpPrefix route, boolean includeVia) {
        for (int reach : reachesAsSource.get(position)) {
            Reach r = reaches.get(reach);
            if ((includeVia || !r.via()) && r.destinations().overlaps(route)) {
                return true;
            }
        }
        for (int reach : reachesAsDestination.get(position)) {
            Reach r = reaches.get(reach);
            if ((includeVia || !r.via()) && r.sources().overlaps(route)) {
                return true;
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
            NodeAttr attr = policy.nodeAttrs().get(i);
            IpSet targets = nodeAttrTargets.get(i);
            if (node.addresses().stream().anyMatch(targets::contains)) {
                attr.attributes().forEach(a -> out.putIfAbsent(a, null));
            }
        }
        return Collections.unmodifiableMap(out);
    }
}
