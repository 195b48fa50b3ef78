package dev.chronoscale.netmap.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.IpProtocol;
import dev.chronoscale.domain.policy.NodeAttr;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.ProtocolPorts;
import dev.chronoscale.domain.policy.SshRule;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.tailcfg.FilterRule;
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

/**
 * A policy compiled against one tailnet. Compilation works on address sets and node sets (one bit per
 * node); each node's netmap is cut from the compiled rules on request, in time proportional to the number of
 * rules and the size of the answer. {@link #withNodeChange} derives the next version after one node changed,
 * recompiling only the rules whose aliases that node belongs to. Instances are immutable.
 */
public final class CompiledTailnet {

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
    private final CompiledRules compiled;
    private final PacketFilters packetFilters;
    private final PolicyPeerVisibility peerVisibility;
    private final PeerViewPool peerViews;
    private final SshPolicyCompiler sshCompiler;
    private final List<IpSet> nodeAttrTargets = new ArrayList<>();

    private CompiledTailnet(Policy policy, String serverUrl, Map<Long, TailnetUser> users, NodeSlots slots,
                            AliasTable aliases, List<Grant> grants, List<GrantCompiler.Output> outputs,
                            List<String> approvedRouteTexts, IpSet approvedRoutes, PrimaryRoutes primaryRoutes,
                            Map<Long, List<TailnetNode>> nodesByOwner, Optional<SshPolicyCompiler> reusableSsh,
                            PeerViewPool peerViews) {
        this.peerViews = peerViews;
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
        this.compiled = CompiledRules.of(outputs, slots, nodesByOwner);
        this.sshCompiler = reusableSsh.orElseGet(() -> new SshPolicyCompiler(policy, tailnet, aliases, slots, serverUrl));
        List<IpSet> ipv4Off = new ArrayList<>();
        for (NodeAttr attr : policy.nodeAttrs()) {
            IpSet targets = aliases.addresses(attr.targets());
            nodeAttrTargets.add(targets);
            if (attr.attributes().contains(PolicyPeerVisibility.DISABLE_IPV4)) {
                ipv4Off.add(targets);
            }
        }
        this.packetFilters = new PacketFilters(compiled);
        this.peerVisibility = new PolicyPeerVisibility(compiled, primaryRoutes, ipv4Off.stream().reduce(IpSet.EMPTY, IpSet::union),
                peerViews);
    }

    /** Compiles from scratch. */
    static CompiledTailnet compile(Policy policy, Tailnet tailnet, String serverUrl, PeerViewPool peerViews) {
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
                new PrimaryRoutes(nodes), byOwner, Optional.empty(), peerViews);
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
            return compile(policy, new Tailnet(tailnet.users(), nodes), serverUrl, peerViews);
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
                sshUnaffected ? Optional.of(sshCompiler) : Optional.empty(), peerViews);
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
        return packetFilters.globalFilter();
    }

    public Optional<NodeNetmap> netmapFor(long nodeId) {
        return slots.slotOf(nodeId).map(slot -> {
            TailnetNode node = slots.node(slot);
            return new NodeNetmap(nodeId, packetFilters.packetFilter(slot, node), peerVisibility.peers(slot, node),
                    sshCompiler.rulesFor(node), capMap(node));
        });
    }

    /**
     * Each ACL's and grant's packet filters on its own (none for a policy without rules, which allows everything as
     * one implicit rule).
     */
    public RulePacketFilters rulePacketFilters() {
        return policy.allowsAll() ? new RulePacketFilters(policy, List.of(), slots, nodesByOwner)
                : new RulePacketFilters(policy, outputs, slots, nodesByOwner);
    }

    /**
     * As {@link #netmapFor(long)} when, since {@code previous} was derived, only the {@code changed} nodes
     * changed and no route moved: their entries in its peer list are made current and the others kept.
     */
    public Optional<NodeNetmap> netmapFor(long nodeId, NodeNetmap previous, Set<Long> changed) {
        return slots.slotOf(nodeId).map(slot -> {
            TailnetNode node = slots.node(slot);
            return new NodeNetmap(nodeId, packetFilters.packetFilter(slot, node),
                    peerVisibility.peersPatched(slot, node, previous.peers(), changed), sshCompiler.rulesFor(node),
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
        compiled.rules().stream().filter(CompiledRule::carriesRoutes).forEach(r -> out.or(r.destinationNodes()));
        for (int i = 0; i < compiled.viaGrants().size(); i++) {
            if (compiled.viaGrants().get(i).srcIps().stream().anyMatch(approvedRouteTexts::contains)) {
                out.or(compiled.viaRouters().get(i));
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

    /**
     * The {@code checkPeriod} of the SSH check rule a session from {@code sourceId} to {@code destinationId} as
     * {@code localUser} falls under (12 hours when the rule names none, zero for {@code "always"}); empty when no
     * check rule covers it or either node is unknown.
     */
    public Optional<java.time.Duration> sshCheckPeriod(long sourceId, long destinationId, String localUser) {
        Optional<TailnetNode> source = node(sourceId);
        Optional<TailnetNode> destination = node(destinationId);
        if (source.isEmpty() || destination.isEmpty()) {
            return Optional.empty();
        }
        return sshCompiler.checkPeriod(source.get(), destination.get(), localUser);
    }

    /** Nodes whose SSH policy names this node (in this version) among its sources. */
    public Set<Long> sshDestinationsReachableFrom(TailnetNode source) {
        return sshCompiler.destinationsOf(source, tailnet.nodes());
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
        return "CompiledTailnet[" + slots.nodes().size() + " nodes, " + compiled.rules().size() + " rules]";
    }
}
