package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.net.IpRange;
import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The nodes of one compiled tailnet, each in a numbered slot so that node sets are bit sets. Slots are stable
 * across incremental updates (a new node takes a new slot, a removed node leaves an empty one), so bit sets of
 * an earlier version stay meaningful. Instances are immutable; updates return a new instance.
 */
final class NodeSlots {

    private static final IpRange ALL_IPV4 = IpPrefix.parse("0.0.0.0/0").range();
    private static final IpRange ALL_IPV6 = IpPrefix.parse("::/0").range();

    private final List<TailnetNode> slots;
    private final Map<Long, Integer> slotById;
    private final List<Integer> routers;
    /** Each router's subnet routes and whether it is an exit node, in the order of {@link #routers}: asked per grant. */
    private final List<List<IpPrefix>> routerSubnets;
    private final boolean[] routerExits;
    /** Whether the nodes' IDs rise with their slots (the usual case: registrations come in ID order). */
    private final boolean inIdOrder;

    private NodeSlots(List<TailnetNode> slots, Map<Long, Integer> slotById, List<Integer> routers) {
        this.slots = slots;
        this.slotById = slotById;
        this.routers = routers;
        this.routerSubnets = new ArrayList<>(routers.size());
        this.routerExits = new boolean[routers.size()];
        for (int i = 0; i < routers.size(); i++) {
            TailnetNode router = slots.get(routers.get(i));
            routerSubnets.add(router.subnetRoutes());
            routerExits[i] = router.isExitNode();
        }
        long last = Long.MIN_VALUE;
        boolean rising = true;
        for (TailnetNode node : slots) {
            if (node != null) {
                rising &= node.id() > last;
                last = node.id();
            }
        }
        this.inIdOrder = rising;
    }

    static NodeSlots of(List<TailnetNode> nodes) {
        Map<Long, Integer> slotById = new HashMap<>();
        List<Integer> routers = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            slotById.put(nodes.get(i).id(), i);
            if (!nodes.get(i).enabledRoutes().isEmpty()) {
                routers.add(i);
            }
        }
        return new NodeSlots(new ArrayList<>(nodes), slotById, List.copyOf(routers));
    }

    /** This tailnet with one node added, replaced ({@code node} present) or removed (absent). */
    NodeSlots with(long id, Optional<TailnetNode> node) {
        List<TailnetNode> copy = new ArrayList<>(slots);
        Map<Long, Integer> ids = new HashMap<>(slotById);
        Integer slot = ids.get(id);
        if (node.isPresent()) {
            if (slot == null) {
                slot = copy.size();
                copy.add(node.get());
                ids.put(id, slot);
            } else {
                copy.set(slot, node.get());
            }
        } else if (slot != null) {
            copy.set(slot, null);
            ids.remove(id);
        }
        List<Integer> routerSlots = new ArrayList<>();
        for (int r : routers) {
            if (copy.get(r) != null && !copy.get(r).enabledRoutes().isEmpty()) {
                routerSlots.add(r);
            }
        }
        if (slot != null && node.isPresent() && !node.get().enabledRoutes().isEmpty() && !routerSlots.contains(slot)) {
            routerSlots.add(slot);
        }
        return new NodeSlots(copy, ids, List.copyOf(routerSlots));
    }

    boolean inIdOrder() {
        return inIdOrder;
    }

    int capacity() {
        return slots.size();
    }

    /** The node in a slot, or null for an empty slot. */
    TailnetNode node(int slot) {
        return slots.get(slot);
    }

    Optional<Integer> slotOf(long id) {
        return Optional.ofNullable(slotById.get(id));
    }

    List<TailnetNode> nodes() {
        return slots.stream().filter(java.util.Objects::nonNull).toList();
    }

    List<Integer> routers() {
        return routers;
    }

    /** Nodes with an address in {@code set}, by a binary search per range over all addresses. */
    BitSet withAddressIn(IpSet set, AddressOrder order) {
        BitSet out = new BitSet(slots.size());
        for (IpRange range : set.ranges()) {
            order.forEachIn(range, out::set);
        }
        return out;
    }

    /** Routers whose subnet routes overlap {@code set} or, for exit nodes, that carry traffic to all of it. */
    void addRoutersFor(IpSet set, boolean exitNodesWhenInternet, BitSet out) {
        if (routers.isEmpty()) {
            return;
        }
        boolean internet = exitNodesWhenInternet && covers(set);
        for (int i = 0; i < routers.size(); i++) {
            if ((internet && routerExits[i]) || overlapsAny(set, routerSubnets.get(i))) {
                out.set(routers.get(i));
            }
        }
    }

    private static boolean overlapsAny(IpSet set, List<IpPrefix> routes) {
        for (IpPrefix route : routes) {
            if (set.overlaps(route)) {
                return true;
            }
        }
        return false;
    }

    private static boolean covers(IpSet set) {
        return set.containsRange(ALL_IPV4) || set.containsRange(ALL_IPV6)
                || AddressSpace.INTERNET.minus(set).isEmpty();
    }

    /** All node addresses sorted, for the first, full build of address-based node sets. */
    AddressOrder addressOrder() {
        return new AddressOrder(this);
    }

    static final class AddressOrder {

        private final IpAddress[] sorted;
        private final int[] slotOf;

        private AddressOrder(NodeSlots nodes) {
            record Entry(IpAddress address, int slot) {
            }
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; i < nodes.slots.size(); i++) {
                TailnetNode node = nodes.slots.get(i);
                if (node != null) {
                    for (IpAddress address : node.addresses()) {
                        entries.add(new Entry(address, i));
                    }
                }
            }
            entries.sort(Comparator.comparing(Entry::address));
            sorted = entries.stream().map(Entry::address).toArray(IpAddress[]::new);
            slotOf = entries.stream().mapToInt(Entry::slot).toArray();
        }

        void forEachIn(IpRange range, java.util.function.IntConsumer sink) {
            int index = Arrays.binarySearch(sorted, range.first());
            int from = index >= 0 ? index : -index - 1;
            for (int i = from; i < sorted.length && sorted[i].compareTo(range.last()) <= 0; i++) {
                sink.accept(slotOf[i]);
            }
        }
    }
}
