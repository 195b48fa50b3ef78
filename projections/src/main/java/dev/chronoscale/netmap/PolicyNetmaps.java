package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.compile.PeerViewPool;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The in-memory netmap read model: fed node, user and policy changes (from the event stream), it keeps every
 * node's netmap and, on {@link #refresh()}, returns only the netmaps that changed.
 *
 * <p>A policy or user change compiles once and re-derives every node. A node change updates the compiled
 * policy incrementally (only the grants whose aliases the node belongs to) and re-derives only the nodes whose
 * netmap can depend on that node: the node itself, its peers before and after, its owner's other devices
 * (autogroup:self), SSH destinations of rules it is a source of, and nodes with neighbouring addresses (which
 * may share a CIDR block with it). A change to routes re-derives everyone, because wildcard sources carry every
 * approved route and every peer's routing may move.
 *
 * <p>{@link #derivingOnDemand} makes one for a netmap nobody streams from (the past, for time travel): a refresh
 * only notes the changes and reports none; the first {@link #netmap} read after them compiles the policy, and each
 * node's netmap is cut from it when first asked for. The netmaps are the same either way; only the work differs.
 *
 * <p>Not thread-safe: one event handler feeds it. The netmaps it hands out are immutable.
 */
public final class PolicyNetmaps {

    private final NetmapCompiler compiler;
    private final boolean onDemand;
    private final PeerViewPool peerViews = new PeerViewPool();
    private final Map<Long, TailnetNode> nodes = new LinkedHashMap<>();
    private final Map<Long, TailnetUser> users = new LinkedHashMap<>();
    private final Map<Long, NodeNetmap> netmaps = new HashMap<>();
    private final Set<Long> changedNodes = new HashSet<>();
    private final Map<Long, TailnetNode> previousVersions = new HashMap<>();
    private final Map<dev.chronoscale.domain.net.IpAddress, Long> nodeByAddress = new HashMap<>();
    private Policy policy;
    private CompiledTailnet compiled;
    private boolean everythingStale = true;
    /** Set while deriving affected nodes when a change moved routes (primary routers, AllowedIPs of others). */
    private boolean routesMoved;

    public PolicyNetmaps(NetmapCompiler compiler) {
        this(compiler, false);
    }

    private PolicyNetmaps(NetmapCompiler compiler, boolean onDemand) {
        this.compiler = compiler;
        this.onDemand = onDemand;
    }

    /** Netmaps cut when read rather than at each refresh; {@link #refreshChanges()} then always reports none. */
    public static PolicyNetmaps derivingOnDemand(NetmapCompiler compiler) {
        return new PolicyNetmaps(compiler, true);
    }

    public void replacePolicy(Policy newPolicy) {
        policy = newPolicy;
        everythingStale = true;
    }

    public void upsertUser(TailnetUser user) {
        TailnetUser previous = users.put(user.id(), user);
        if (user.equals(previous) || (previous != null && onlyUnnamedIdpGroupsMoved(previous, user))) {
            return;
        }
        // Users carry the names policies use; a rename or a group change can move any rule, so re-derive everything.
        everythingStale = true;
    }

    /**
     * True when the two versions differ only in identity provider groups that no policy group names: nothing any
     * node is served can change. (A later policy is compiled with the new version.)
     */
    private boolean onlyUnnamedIdpGroupsMoved(TailnetUser before, TailnetUser after) {
        if (before.id() != after.id() || !before.name().equals(after.name()) || !before.email().equals(after.email())) {
            return false;
        }
        Set<String> moved = new HashSet<>(before.idpGroups());
        moved.addAll(after.idpGroups());
        moved.removeIf(g -> before.idpGroups().contains(g) && after.idpGroups().contains(g));
        Set<String> named = policy == null ? Set.of() : policy.namedIdpGroups();
        return moved.stream().noneMatch(group -> named.stream().anyMatch(n -> TailnetUser.covers(n, group)));
    }

    public void removeUser(long userId) {
        // A deleted user's name or email must no longer resolve to it: another user may take it.
        if (users.remove(userId) != null) {
            everythingStale = true;
        }
    }

    public void upsertNode(TailnetNode node) {
        TailnetNode previous = nodes.put(node.id(), node);
        if (previous != null) {
            previous.addresses().forEach(nodeByAddress::remove);
        }
        node.addresses().forEach(a -> nodeByAddress.put(a, node.id()));
        if (!node.equals(previous)) {
            previousVersions.putIfAbsent(node.id(), previous);
            changedNodes.add(node.id());
        }
    }

    public void removeNode(long nodeId) {
        peerViews.forget(nodeId);
        TailnetNode previous = nodes.remove(nodeId);
        if (previous != null) {
            previous.addresses().forEach(nodeByAddress::remove);
            previousVersions.putIfAbsent(nodeId, previous);
            changedNodes.add(nodeId);
        }
    }

    public Optional<NodeNetmap> netmap(long nodeId) {
        if (onDemand && policy != null) {
            if (everythingStale || compiled == null || !changedNodes.isEmpty()) {
                compileChanges();
                netmaps.clear();
                changedNodes.clear();
                previousVersions.clear();
                everythingStale = false;
            }
            if (!netmaps.containsKey(nodeId)) {
                compiled.netmapFor(nodeId).ifPresent(netmap -> netmaps.put(nodeId, netmap));
            }
        }
        return Optional.ofNullable(netmaps.get(nodeId));
    }

    /** See {@link CompiledTailnet#sshCheckPeriod}; empty without a policy. */
    public Optional<java.time.Duration> sshCheckPeriod(long sourceId, long destinationId, String localUser) {
        if (policy == null) {
            return Optional.empty();
        }
        if (onDemand || compiled == null) {
            netmap(destinationId);
        }
        return compiled == null ? Optional.empty() : compiled.sshCheckPeriod(sourceId, destinationId, localUser);
    }

    /**
     * A node's netmap before and after a {@link #refreshChanges()}; {@code before} is empty for a node new to it.
     * {@code peersTouched}, when present, holds the only peers whose entries can differ between the two (the
     * nodes that changed, when no route moved); absent, any may.
     */
    public record Change(Optional<NodeNetmap> before, NodeNetmap after, Optional<Set<Long>> peersTouched) {
    }

    /** The users and nodes as fed, the tailnet a policy is compiled against. */
    public Tailnet tailnet() {
        return new Tailnet(List.copyOf(users.values()), List.copyOf(nodes.values()));
    }

    public boolean hasPolicy() {
        return policy != null;
    }

    public Optional<Policy> policy() {
        return Optional.ofNullable(policy);
    }

    /** Applies pending changes; returns the netmaps that differ from before (removed nodes are not included). */
    public Map<Long, NodeNetmap> refresh() {
        Map<Long, NodeNetmap> changed = new LinkedHashMap<>();
        refreshChanges().forEach((id, change) -> changed.put(id, change.after()));
        return changed;
    }

    /** As {@link #refresh()}, with each changed netmap's previous value. */
    public Map<Long, Change> refreshChanges() {
        if (policy == null || (!everythingStale && changedNodes.isEmpty())) {
            changedNodes.clear();
            previousVersions.clear();
            return Map.of();
        }
        if (onDemand) {
            // The changes stay pending until a netmap is read; the ones cut before them are stale.
            netmaps.clear();
            return Map.of();
        }
        CompiledTailnet before = compileChanges();
        routesMoved = false;
        Set<Long> affected = everythingStale || before == null ? nodes.keySet() : affectedByChanges(before);
        // Without a route moving, a node's change alters only its own entry in other nodes' peer lists.
        Optional<Set<Long>> touched = everythingStale || before == null || routesMoved
                ? Optional.empty() : Optional.of(Set.copyOf(changedNodes));
        // Deriving netmaps only reads the immutable compiled policy, so it spreads over the cores.
        CompiledTailnet current = compiled;
        Map<Long, Optional<NodeNetmap>> derived = new java.util.concurrent.ConcurrentHashMap<>();
        new ArrayList<>(affected).parallelStream().forEach(id -> {
            NodeNetmap previous = netmaps.get(id);
            derived.put(id, touched.isPresent() && previous != null && !changedNodes.contains(id)
                    ? current.netmapFor(id, previous, touched.get())
                    : current.netmapFor(id));
        });
        Map<Long, Change> changed = new LinkedHashMap<>();
        for (Long id : affected) {
            Optional<NodeNetmap> netmap = derived.get(id);
            if (netmap.isEmpty()) {
                netmaps.remove(id);
                continue;
            }
            NodeNetmap previous = netmaps.put(id, netmap.get());
            if (!Objects.equals(previous, netmap.get())) {
                changed.put(id, new Change(Optional.ofNullable(previous), netmap.get(),
                        changedNodes.contains(id) ? Optional.empty() : touched));
            }
        }
        changedNodes.forEach(id -> {
            if (!nodes.containsKey(id)) {
                netmaps.remove(id);
            }
        });
        changedNodes.clear();
        previousVersions.clear();
        everythingStale = false;
        return changed;
    }

    /** Brings the compiled policy up to the pending changes; returns the one before them. */
    private CompiledTailnet compileChanges() {
        CompiledTailnet before = compiled;
        if (everythingStale || before == null) {
            compiled = compiler.compile(policy, tailnet(), peerViews);
        } else {
            for (Long id : changedNodes) {
                compiled = compiled.withNodeChange(id, Optional.ofNullable(nodes.get(id)));
            }
        }
        return before;
    }

    private Set<Long> affectedByChanges(CompiledTailnet before) {
        Set<Long> affected = new HashSet<>();
        for (Long id : changedNodes) {
            affectedByRoutes(id, before, affected);
            affected.add(id);
            Optional.ofNullable(netmaps.get(id)).ifPresent(n -> n.peers().stream().map(PeerView::id).forEach(affected::add));
            compiled.netmapFor(id).ifPresent(n -> n.peers().stream().map(PeerView::id).forEach(affected::add));
            for (TailnetNode version : List.of(Optional.ofNullable(previousVersions.get(id)), Optional.ofNullable(nodes.get(id)))
                    .stream().flatMap(Optional::stream).toList()) {
                version.owner().ifPresent(owner -> nodes.values().stream()
                        .filter(n -> n.owner().equals(Optional.of(owner))).forEach(n -> affected.add(n.id())));
                affected.addAll(before.sshDestinationsReachableFrom(version));
                affected.addAll(compiled.sshDestinationsReachableFrom(version));
                for (var address : version.addresses()) {
                    for (var neighbour : List.of(address.previous(), address.next())) {
                        Optional.ofNullable(nodeByAddress.get(neighbour)).ifPresent(affected::add);
                    }
                }
            }
        }
        return affected;
    }

    /**
     * When a node's routes (as compiled, auto-approval included) or a router's registration order change:
     * the routers serving the same prefixes and their peers (primary election, AllowedIPs), and, if the set of
     * approved routes changed, every node whose SrcIPs list all routes.
     */
    private void affectedByRoutes(long id, CompiledTailnet before, Set<Long> affected) {
        Optional<TailnetNode> was = before.node(id);
        Optional<TailnetNode> is = compiled.node(id);
        List<IpPrefix> routesBefore = was.map(TailnetNode::enabledRoutes).orElse(List.of());
        List<IpPrefix> routesAfter = is.map(TailnetNode::enabledRoutes).orElse(List.of());
        boolean reordered = !routesAfter.isEmpty() && !was.map(TailnetNode::registeredAt).equals(is.map(TailnetNode::registeredAt));
        if (routesBefore.equals(routesAfter) && !reordered) {
            return;
        }
        routesMoved = true;
        Set<IpPrefix> prefixes = new HashSet<>(routesBefore);
        prefixes.addAll(routesAfter);
        for (CompiledTailnet version : List.of(before, compiled)) {
            for (Long router : version.routersServing(prefixes)) {
                affected.add(router);
                Optional.ofNullable(netmaps.get(router)).ifPresent(n -> n.peers().stream().map(PeerView::id).forEach(affected::add));
                version.netmapFor(router).ifPresent(n -> n.peers().stream().map(PeerView::id).forEach(affected::add));
            }
        }
        List<IpPrefix> subnetsBefore = routesBefore.stream().filter(r -> !r.isDefaultRoute()).toList();
        List<IpPrefix> subnetsAfter = routesAfter.stream().filter(r -> !r.isDefaultRoute()).toList();
        if (!subnetsBefore.equals(subnetsAfter)) {
            affected.addAll(before.nodesListingAllRoutes());
            affected.addAll(compiled.nodesListingAllRoutes());
        }
    }
}
