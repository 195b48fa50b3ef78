package dev.chronoscale.netmap.access;

import dev.chronoscale.domain.net.IpSet;
import dev.chronoscale.tailcfg.WirePortRange;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Access gained and lost between two matrices: the rows of {@code after} that grant what no single row of
 * {@code before} did, and the reverse. A row is covered by another to the same node whose sources, protocols and
 * ports include its own, whichever rule grants it: narrowing {@code *} to {@code alice@} gains nothing. Access that
 * only several rows together covered is reported, so the comparison may show more than changed, never less.
 */
public record AccessChange(List<AccessRow> gained, List<AccessRow> lost) {

    public AccessChange {
        gained = List.copyOf(gained);
        lost = List.copyOf(lost);
    }

    public static AccessChange between(List<AccessRow> before, List<AccessRow> after) {
        AddressLists lists = new AddressLists();
        List<Reach> then = before.stream().map(row -> Reach.of(row, lists)).toList();
        List<Reach> now = after.stream().map(row -> Reach.of(row, lists)).toList();
        return new AccessChange(uncovered(now, Index.of(then)), uncovered(then, Index.of(now)));
    }

    /**
     * The address lists of the rows, each distinct one numbered and made a set once. Rows of one filter rule share one
     * list instance (thousands of addresses for a large group): it is looked up by identity, and its content hashed
     * only the first time that instance is seen, not once per row.
     */
    private static final class AddressLists {
        private final Map<List<String>, Integer> byInstance = new IdentityHashMap<>();
        private final Map<List<String>, Integer> byContent = new HashMap<>();
        private final List<IpSet> sets = new ArrayList<>();

        int id(List<String> list) {
            return byInstance.computeIfAbsent(list, instance -> byContent.computeIfAbsent(instance, content -> {
                sets.add(FilterIps.of(content));
                return sets.size() - 1;
            }));
        }

        IpSet set(int id) {
            return sets.get(id);
        }
    }

    private static List<AccessRow> uncovered(List<Reach> rows, Index reference) {
        Map<AccessRow.Grant, AccessRow> out = new LinkedHashMap<>();
        for (Reach row : rows) {
            if (!reference.covers(row)) {
                out.putIfAbsent(row.row().grant(), row.row());
            }
        }
        return new ArrayList<>(out.values());
    }

    /**
     * The other side's rows, to ask whether one covers a row: a row the other side has as it is (most, between two
     * nearby instants) is found by its key; any other is compared with the rows to the same node alone.
     */
    private record Index(Set<Key> exact, Map<Long, List<Reach>> byDestination) {

        static Index of(List<Reach> rows) {
            Set<Key> exact = new HashSet<>();
            Map<Long, List<Reach>> byDestination = new HashMap<>();
            for (Reach row : rows) {
                exact.add(row.key());
                byDestination.computeIfAbsent(row.row().destinationId(), id -> new ArrayList<>()).add(row);
            }
            return new Index(exact, byDestination);
        }

        boolean covers(Reach row) {
            return exact.contains(row.key())
                    || byDestination.getOrDefault(row.row().destinationId(), List.of()).stream().anyMatch(other -> other.covers(row));
        }
    }

    /** What a row lets through, exactly: equal keys cover each other. Address lists are by their number. */
    private record Key(long destinationId, int sources, int destinations, String protocol, List<WirePortRange> ports) {
    }

    /** A row as sets: its sources, destinations and protocols (and its port ranges), to compare with another row to the same node. */
    private record Reach(AccessRow row, Key key, IpSet sources, IpSet destinations, Set<String> protocols) {

        static Reach of(AccessRow row, AddressLists lists) {
            int sources = lists.id(row.sourceIps());
            int destinations = lists.id(row.destinationIps());
            return new Reach(row, new Key(row.destinationId(), sources, destinations, row.protocol(), row.portRanges()),
                    lists.set(sources), lists.set(destinations), Set.of(row.protocol().split(",")));
        }

        boolean covers(Reach other) {
            return row.destinationId() == other.row.destinationId() && protocols.containsAll(other.protocols)
                    && sources.containsAllOf(other.sources) && destinations.containsAllOf(other.destinations)
                    && other.row.portRanges().stream().allMatch(wanted -> row.portRanges().stream()
                            .anyMatch(range -> range.first() <= wanted.first() && wanted.last() <= range.last()));
        }
    }
}
