package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The compiled rules of one tailnet version, in the shape the per-node derivations read: rules with their
 * node sets, autogroup:self grants, and via grants with the routers that serve them.
 */
record CompiledRules(List<CompiledRule> rules, List<GrantCompiler.SelfGrant> selfGrants,
                     List<GrantCompiler.ViaGrant> viaGrants, List<BitSet> viaRouters, List<IpSet> viaServed,
                     NodeSlots slots, Map<Long, List<TailnetNode>> nodesByOwner) {

    static CompiledRules of(List<GrantCompiler.Output> outputs, NodeSlots slots, Map<Long, List<TailnetNode>> nodesByOwner) {
        List<CompiledRule> rules = new ArrayList<>();
        List<GrantCompiler.SelfGrant> selfGrants = new ArrayList<>();
        List<GrantCompiler.ViaGrant> viaGrants = new ArrayList<>();
        List<BitSet> viaRouters = new ArrayList<>();
        List<IpSet> viaServed = new ArrayList<>();
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
        return new CompiledRules(rules, selfGrants, viaGrants, viaRouters, viaServed, slots, nodesByOwner);
    }

    List<TailnetNode> devicesOf(long owner) {
        return nodesByOwner.getOrDefault(owner, List.of());
    }

    static List<TailnetNode> selfSources(GrantCompiler.SelfGrant grant, List<TailnetNode> sameUser) {
        return sameUser.stream().filter(candidate -> grant.sources().stream()
                .anyMatch(set -> candidate.addresses().stream().anyMatch(set::contains))).toList();
    }

    static List<IpRange> viaDestinations(GrantCompiler.ViaGrant grant, TailnetNode node) {
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
}
