package dev.chronoscale.netmap.compile;

import dev.chronoscale.domain.policy.IpAddress;
import dev.chronoscale.domain.policy.IpPrefix;
import dev.chronoscale.domain.policy.IpRange;
import dev.chronoscale.domain.policy.IpSet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;

/**
 * Nodes numbered 0..n-1 with their addresses sorted, so "which nodes does this address set cover" costs
 * a binary search per range plus the size of the answer, not a scan of the tailnet.
 */
final class NodeIndex {

    private final List<TailnetNode> nodes;
    private final IpAddress[] sortedAddresses;
    private final int[] nodeOfAddress;
    /** Indices of nodes with enabled subnet routes or exit routes; there are few of them. */
    private final List<Integer> routers = new ArrayList<>();
    // Derived once per node: these are read in the innermost loops of compilation.
    private final List<List<IpPrefix>> subnetRoutes;
    private final List<List<IpPrefix>> exitRoutes;
    private final List<List<String>> addressTexts;
    private final IpSet allSubnetRoutes;
    private final boolean anyExitNode;

    NodeIndex(List<TailnetNode> nodes) {
        this.nodes = nodes;
        record Entry(IpAddress address, int node) {
        }
        List<Entry> entries = new ArrayList<>(nodes.size() * 2);
        subnetRoutes = new ArrayList<>(nodes.size());
        exitRoutes = new ArrayList<>(nodes.size());
        addressTexts = new ArrayList<>(nodes.size());
        List<IpPrefix> everyRoute = new ArrayList<>();
        boolean exit = false;
        for (int i = 0; i < nodes.size(); i++) {
            TailnetNode node = nodes.get(i);
            for (IpAddress address : node.addresses()) {
                entries.add(new Entry(address, i));
            }
            addressTexts.add(node.addresses().stream().map(a -> IpPrefix.single(a).toString()).toList());
            if (node.enabledRoutes().isEmpty()) {
                subnetRoutes.add(List.of());
                exitRoutes.add(List.of());
                continue;
            }
            routers.add(i);
            subnetRoutes.add(node.subnetRoutes());
            exitRoutes.add(node.exitRoutes());
            everyRoute.addAll(node.subnetRoutes());
            exit |= node.isExitNode();
        }
        allSubnetRoutes = IpSet.ofPrefixes(everyRoute);
        anyExitNode = exit;
        entries.sort(Comparator.comparing(Entry::address));
        sortedAddresses = entries.stream().map(Entry::address).toArray(IpAddress[]::new);
        nodeOfAddress = entries.stream().mapToInt(Entry::node).toArray();
    }

    int size() {
        return nodes.size();
    }

    TailnetNode node(int index) {
        return nodes.get(index);
    }

    List<Integer> routers() {
        return routers;
    }

    List<IpPrefix> subnetRoutes(int index) {
        return subnetRoutes.get(index);
    }

    List<IpPrefix> exitRoutes(int index) {
        return exitRoutes.get(index);
    }

    boolean isExitNode(int index) {
        return !exitRoutes.get(index).isEmpty();
    }

    /** The node's addresses as single-address prefixes, {@code 100.64.0.1/32} then the IPv6 one. */
    List<String> addressTexts(int index) {
        return addressTexts.get(index);
    }

    /**
     * Routers that handle traffic to {@code destination}: it overlaps one of their subnet routes, or (exit
     * nodes) it lies entirely in the internet.
     */
    void forEachRouterConcerned(IpSet destination, java.util.function.IntConsumer sink) {
        boolean subnets = allSubnetRoutes.ranges().stream().anyMatch(destination::overlaps);
        boolean internet = anyExitNode && AddressSpace.INTERNET.containsAllOf(destination);
        if (!subnets && !internet) {
            return;
        }
        for (int router : routers) {
            boolean concerned = (internet && isExitNode(router))
                    || (subnets && subnetRoutes.get(router).stream().anyMatch(destination::overlaps));
            if (concerned) {
                sink.accept(router);
            }
        }
    }

    /** Calls {@code sink} with each node that has an address in {@code set} (a node may be reported twice). */
    void forEachNodeWithAddressIn(IpSet set, java.util.function.IntConsumer sink) {
        for (IpRange range : set.ranges()) {
            int from = lowerBound(range.first());
            for (int i = from; i < sortedAddresses.length && sortedAddresses[i].compareTo(range.last()) <= 0; i++) {
                sink.accept(nodeOfAddress[i]);
            }
        }
    }

    private int lowerBound(IpAddress address) {
        int index = Arrays.binarySearch(sortedAddresses, address);
        if (index >= 0) {
            while (index > 0 && sortedAddresses[index - 1].equals(address)) {
                index--;
            }
            return index;
        }
        return -index - 1;
    }

    /** Nodes that a rule side covers: by address, or because their subnet routes overlap it. */
    BitSet covered(IpSet set, boolean exitNodesWhenInternet) {
        BitSet out = new BitSet(nodes.size());
        forEachNodeWithAddressIn(set, out::set);
        boolean internet = exitNodesWhenInternet && anyExitNode && coversInternet(set);
        for (int router : routers) {
            if (subnetRoutes.get(router).stream().anyMatch(set::overlaps) || (internet && isExitNode(router))) {
                out.set(router);
            }
        }
        return out;
    }

    static boolean coversInternet(IpSet set) {
        return set.containsRange(IpPrefix.parse("0.0.0.0/0").range()) || set.containsRange(IpPrefix.parse("::/0").range())
                || AddressSpace.INTERNET.minus(set).isEmpty();
    }
}
