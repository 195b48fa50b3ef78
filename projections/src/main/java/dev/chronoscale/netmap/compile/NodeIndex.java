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

    NodeIndex(List<TailnetNode> nodes) {
        this.nodes = nodes;
        record Entry(IpAddress address, int node) {
        }
        List<Entry> entries = new ArrayList<>(nodes.size() * 2);
        for (int i = 0; i < nodes.size(); i++) {
            for (IpAddress address : nodes.get(i).addresses()) {
                entries.add(new Entry(address, i));
            }
            if (!nodes.get(i).enabledRoutes().isEmpty()) {
                routers.add(i);
            }
        }
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
        boolean internet = exitNodesWhenInternet && coversInternet(set);
        for (int router : routers) {
            TailnetNode node = nodes.get(router);
            if (node.subnetRoutes().stream().anyMatch(set::overlaps) || (internet && node.isExitNode())) {
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
