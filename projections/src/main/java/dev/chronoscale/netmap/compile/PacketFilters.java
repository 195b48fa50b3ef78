package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.ProtocolPorts;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.CapGrant;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.NetPortRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Cuts one node's packet filter from the compiled rules: the rules for which the node is a destination (or
 * the router or exit node of one), their destinations narrowed to what concerns the node, with rules of the
 * same sources and protocols merged as Tailscale sends them.
 */
final class PacketFilters {

    private final CompiledRules compiled;
    /** The slots some compiled rule has as a destination; with no self or via grant, no other node has a filter. */
    private final BitSet destinations = new BitSet();

    PacketFilters(CompiledRules compiled) {
        this.compiled = compiled;
        compiled.rules().forEach(rule -> destinations.or(rule.destinationNodes()));
    }

    /**
     * Whether every node's filter under these rules is the filter under {@code other}'s, given the same nodes: the
     * same compiled rules, autogroup:self and via grants.
     */
    boolean sameRulesAs(PacketFilters other) {
        return compiled.rules().equals(other.compiled.rules()) && compiled.selfGrants().equals(other.compiled.selfGrants())
                && compiled.viaGrants().equals(other.compiled.viaGrants())
                && compiled.viaRouters().equals(other.compiled.viaRouters());
    }

    /** The slots whose filter under these rules may be other than empty, as {@link #mayConcern} decides. */
    BitSet slotsConcerned(NodeSlots slots) {
        BitSet out = (BitSet) destinations.clone();
        if (!compiled.viaGrants().isEmpty() || !compiled.selfGrants().isEmpty()) {
            for (int slot = 0; slot < slots.capacity(); slot++) {
                TailnetNode node = slots.node(slot);
                if (node != null && mayConcern(slot, node)) {
                    out.set(slot);
                }
            }
        }
        return out;
    }

    /**
     * Whether the node's packet filter may have a rule: false means it is empty (the node is no rule's destination,
     * and there are no autogroup:self or via grants that could make it one). A shortcut for callers that cut many.
     */
    boolean mayConcern(int slot, TailnetNode node) {
        return destinations.get(slot) || !compiled.viaGrants().isEmpty()
                || (!compiled.selfGrants().isEmpty() && node.owner().isPresent());
    }

    /** The rules before they are cut down per node, as Tailscale evaluates the policy's {@code tests}. */
    List<FilterRule> globalFilter() {
        List<FilterRule> out = new ArrayList<>();
        for (CompiledRule rule : compiled.rules()) {
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

    List<FilterRule> packetFilter(int slot, TailnetNode node) {
        List<FilterRule> out = new ArrayList<>();
        for (CompiledRule rule : compiled.rules()) {
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
        // Rules with the same sources and protocols become one rule, as Tailscale sends them. A node has a few rules
        // and their source lists are often one shared list of thousands of addresses: compared in place, by identity
        // first, rather than hashed.
        List<FilterRule> out = new ArrayList<>();
        for (FilterRule rule : rules) {
            if (!rule.capGrant().isEmpty()) {
                out.add(rule);
                continue;
            }
            int position = -1;
            for (int i = 0; i < out.size() && position < 0; i++) {
                FilterRule candidate = out.get(i);
                if (candidate.capGrant().isEmpty() && sameList(candidate.srcIps(), rule.srcIps())
                        && candidate.ipProto().equals(rule.ipProto())) {
                    position = i;
                }
            }
            if (position < 0) {
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

    private static boolean sameList(List<String> a, List<String> b) {
        return a == b || (a.size() == b.size() && a.equals(b));
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
        if (compiled.selfGrants().isEmpty() || node.owner().isEmpty()) {
            return List.of();
        }
        List<TailnetNode> sameUser = compiled.devicesOf(node.owner().get());
        List<FilterRule> out = new ArrayList<>();
        for (GrantCompiler.SelfGrant grant : compiled.selfGrants()) {
            List<TailnetNode> sources = CompiledRules.selfSources(grant, sameUser);
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
                        sourceSet, new BitSet(), grant.app(), compiled.slots(), false)) {
                    FilterRule narrowed = capRule(companion.srcIps(), companion.parts(), node);
                    if (!narrowed.capGrant().isEmpty()) {
                        out.add(narrowed);
                    }
                }
            }
        }
        return out;
    }

    /** via: only routers carrying one of the via tags get rules, for the destinations their routes serve. */
    private List<FilterRule> viaRules(TailnetNode node) {
        List<FilterRule> out = new ArrayList<>();
        for (GrantCompiler.ViaGrant grant : compiled.viaGrants()) {
            List<IpRange> served = CompiledRules.viaDestinations(grant, node);
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

}
