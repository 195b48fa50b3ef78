package dev.chronoscale.netmap.compile;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.domain.policy.Alias;
import dev.chronoscale.domain.policy.Autogroup;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.PortRange;
import dev.chronoscale.domain.policy.ProtocolPorts;
import dev.chronoscale.tailcfg.WirePortRange;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Turns one grant (an ACL rule is a grant too) into compiled rules, following Tailscale: SrcIPs are the
 * sources' addresses (with every approved subnet route when the sources include {@code *}), autogroup:self
 * and via parts are kept for per-node derivation.
 */
final class GrantCompiler {

    /** Capabilities whose grant implies a reverse grant, as Tailscale adds it (Taildrive sharers, relay targets). */
    private static final Map<String, String> COMPANION_CAPABILITIES = new TreeMap<>(Map.of(
            "tailscale.com/cap/drive", "tailscale.com/cap/drive-sharer",
            "tailscale.com/cap/relay", "tailscale.com/cap/relay-target"));

    /** What one grant compiles to. */
    record Output(List<CompiledRule> rules, Optional<SelfGrant> self, Optional<ViaGrant> via, Set<Alias> dependencies) {
    }

    /** autogroup:self destinations: resolved per destination node, from the sources' address sets. */
    record SelfGrant(List<IpSet> sources, List<ProtocolPorts> ip, Map<String, List<JsonNode>> app) {
    }

    /** A via grant: its sources reach {@code destinations} only through routers carrying one of {@code viaTags}. */
    record ViaGrant(List<String> srcIps, IpSet sources, BitSet sourceNodes, Set<String> viaTags,
                    List<IpPrefix> destinations, boolean internet, List<ProtocolPorts> ip) {
    }

    private final AliasTable aliases;
    private final NodeSlots slots;
    private final List<String> approvedRouteTexts;
    private final IpSet approvedRoutes;
    private final Map<IpSet, List<String>> texts = new IdentityHashMap<>();

    GrantCompiler(AliasTable aliases, NodeSlots slots, List<String> approvedRouteTexts, IpSet approvedRoutes) {
        this.aliases = aliases;
        this.slots = slots;
        this.approvedRouteTexts = approvedRouteTexts;
        this.approvedRoutes = approvedRoutes;
    }

    static Set<Alias> dependencies(Grant grant) {
        Set<Alias> out = new LinkedHashSet<>(grant.sources());
        grant.destinations().stream().filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).forEach(out::add);
        return out;
    }

    Output compile(Grant grant) {
        Set<Alias> dependencies = dependencies(grant);
        List<CompiledRule> rules = new ArrayList<>();
        if (grant.sources().isEmpty() || grant.destinations().isEmpty()) {
            return new Output(rules, Optional.empty(), Optional.empty(), dependencies);
        }
        List<IpSet> resolvedSources = new ArrayList<>();
        List<IpSet> nonWildcardSources = new ArrayList<>();
        for (Alias source : grant.sources()) {
            IpSet addresses = aliases.get(source).addresses();
            resolvedSources.add(addresses);
            if (!(source instanceof Alias.Wildcard)) {
                nonWildcardSources.add(addresses);
            }
        }
        IpSet sourceSet = aliases.addresses(grant.sources());
        boolean wildcard = grant.sources().stream().anyMatch(s -> s instanceof Alias.Wildcard);
        boolean dangerAll = grant.sources().stream().anyMatch(s -> AliasResolver.isAutogroup(s, Autogroup.DANGER_ALL));
        boolean onlySelf = grant.via().isEmpty() && grant.destinations().stream()
                .allMatch(d -> AliasResolver.isAutogroup(d, Autogroup.SELF));
        // autogroup:self rules take their sources per destination node; skip rendering the whole set.
        List<String> srcIps = onlySelf ? List.of() : sourceTexts(sourceSet, nonWildcardSources, wildcard, dangerAll);
        IpSet matchSet = dangerAll ? AddressSpace.ALL : wildcard ? sourceSet.union(approvedRoutes) : sourceSet;
        BitSet sourceNodes = aliases.nodes(grant.sources());
        slots.addRoutersFor(matchSet, false, sourceNodes);

        if (!grant.via().isEmpty()) {
            if (sourceSet.isEmpty()) {
                return new Output(rules, Optional.empty(), Optional.empty(), dependencies);
            }
            List<IpPrefix> destinations = new ArrayList<>();
            boolean internet = false;
            for (Alias destination : grant.destinations()) {
                if (AliasResolver.isAutogroup(destination, Autogroup.INTERNET)) {
                    internet = true;
                } else {
                    destinations.addAll(aliases.get(destination).addresses().prefixes());
                }
            }
            Set<String> tags = new LinkedHashSet<>();
            grant.via().forEach(t -> tags.add(t.name()));
            return new Output(rules, Optional.empty(), Optional.of(new ViaGrant(srcIps, matchSet, sourceNodes, tags,
                    destinations, internet, grant.ip())), dependencies);
        }

        if (sourceSet.isEmpty() && grant.app().isEmpty()) {
            return new Output(rules, Optional.empty(), Optional.empty(), dependencies);
        }
        List<Alias> others = grant.destinations().stream()
                .filter(d -> !AliasResolver.isAutogroup(d, Autogroup.SELF)).toList();
        Optional<SelfGrant> self = others.size() < grant.destinations().size()
                ? Optional.of(new SelfGrant(resolvedSources, grant.ip(), grant.app())) : Optional.empty();
        if (others.isEmpty()) {
            return new Output(rules, self, Optional.empty(), dependencies);
        }
        BitSet destinationNodes = aliases.nodes(others);
        IpSet destinationAddresses = others.stream().anyMatch(d -> d instanceof Alias.Wildcard)
                ? AddressSpace.ALL : aliases.addresses(others);
        slots.addRoutersFor(destinationAddresses, true, destinationNodes);
        for (ProtocolPorts ip : grant.ip()) {
            List<WirePortRange> ports = ip.ports().stream().map(GrantCompiler::wire).toList();
            List<CompiledRule.Part> parts = new ArrayList<>();
            for (Alias destination : others) {
                boolean star = destination instanceof Alias.Wildcard;
                IpSet addresses = star ? AddressSpace.ALL : aliases.get(destination).addresses();
                if (star || !addresses.isEmpty()) {
                    parts.add(new CompiledRule.Part(star, addresses, ports, Map.of()));
                }
            }
            if (!parts.isEmpty() && !srcIps.isEmpty()) {
                rules.add(new CompiledRule(srcIps, matchSet, sourceNodes, parts, ip.protocol().numbers(), false,
                        destinationAddresses, destinationNodes, wildcard && !dangerAll));
            }
        }
        if (!grant.app().isEmpty()) {
            List<CompiledRule.Part> parts = new ArrayList<>();
            List<String> destinationTexts = new ArrayList<>();
            for (Alias destination : others) {
                IpSet addresses = aliases.get(destination).addresses();
                parts.add(new CompiledRule.Part(false, addresses, List.of(), grant.app()));
                destinationTexts.addAll(textsOf(addresses));
            }
            IpSet capAddresses = aliases.addresses(others);
            BitSet capNodes = aliases.nodes(others);
            slots.addRoutersFor(capAddresses, true, capNodes);
            rules.add(new CompiledRule(srcIps, matchSet, sourceNodes, parts, List.of(), true, capAddresses, capNodes,
                    wildcard && !dangerAll));
            boolean wildcardDestination = others.stream().anyMatch(d -> d instanceof Alias.Wildcard);
            if (wildcardDestination) {
                destinationTexts.addAll(approvedRouteTexts);
            }
            IpSet companionSources = wildcardDestination ? capAddresses.union(approvedRoutes) : capAddresses;
            BitSet companionSourceNodes = (BitSet) capNodes.clone();
            slots.addRoutersFor(companionSources, false, companionSourceNodes);
            rules.addAll(companions(destinationTexts, companionSources, companionSourceNodes, sourceSet,
                    aliases.nodes(grant.sources()), grant.app(), slots, wildcardDestination));
        }
        return new Output(rules, self, Optional.empty(), dependencies);
    }

    /** The reversed rules Tailscale adds for some capabilities: from the destinations back to the sources. */
    static List<CompiledRule> companions(List<String> srcIps, IpSet sources, BitSet sourceNodes, IpSet destinations,
                                         BitSet destinationNodes, Map<String, List<JsonNode>> app, NodeSlots slots,
                                         boolean carriesRoutes) {
        List<CompiledRule> out = new ArrayList<>();
        COMPANION_CAPABILITIES.forEach((capability, companion) -> {
            if (app.containsKey(capability)) {
                Map<String, List<JsonNode>> capMap = new LinkedHashMap<>();
                capMap.put(companion, null);
                BitSet targets = (BitSet) destinationNodes.clone();
                slots.addRoutersFor(destinations, true, targets);
                out.add(new CompiledRule(srcIps, sources, sourceNodes,
                        List.of(new CompiledRule.Part(false, destinations, List.of(), Collections.unmodifiableMap(capMap))),
                        List.of(), true, destinations, targets, carriesRoutes));
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
        if (!wildcard) {
            return textsOf(sourceSet);
        }
        LinkedHashSet<String> all = new LinkedHashSet<>(textsOf(sourceSet));
        all.addAll(approvedRouteTexts);
        nonWildcard.forEach(set -> all.addAll(textsOf(set)));
        return List.copyOf(all);
    }

    /** Rules with the same sources share one SrcIPs list; a large tailnet has large ones. */
    private List<String> textsOf(IpSet set) {
        return texts.computeIfAbsent(set, IpSet::toStrings);
    }

    static WirePortRange wire(PortRange ports) {
        return new WirePortRange(ports.first(), ports.last());
    }
}
