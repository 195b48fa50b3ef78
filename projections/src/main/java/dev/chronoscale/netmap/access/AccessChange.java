package dev.chronoscale.netmap.access;

import dev.chronoscale.domain.net.IpSet;

import java.util.ArrayList;
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
        List<Reach> then = before.stream().map(Reach::of).toList();
        List<Reach> now = after.stream().map(Reach::of).toList();
        return new AccessChange(uncovered(now, then), uncovered(then, now));
    }

    private static List<AccessRow> uncovered(List<Reach> rows, List<Reach> reference) {
        Map<AccessRow.Grant, AccessRow> out = new LinkedHashMap<>();
        for (Reach row : rows) {
            if (reference.stream().noneMatch(other -> other.covers(row))) {
                out.putIfAbsent(row.row().grant(), row.row());
            }
        }
        return new ArrayList<>(out.values());
    }

    /** A row as sets: its sources, destinations and protocols (and its port ranges), to compare with another row to the same node. */
    private record Reach(AccessRow row, IpSet sources, IpSet destinations, Set<String> protocols) {

        static Reach of(AccessRow row) {
            return new Reach(row, FilterIps.of(row.sourceIps()), FilterIps.of(row.destinationIps()),
                    Set.of(row.protocol().split(",")));
        }

        boolean covers(Reach other) {
            return row.destinationId() == other.row.destinationId() && protocols.containsAll(other.protocols)
                    && sources.containsAllOf(other.sources) && destinations.containsAllOf(other.destinations)
                    && other.row.portRanges().stream().allMatch(wanted -> row.portRanges().stream()
                            .anyMatch(range -> range.first() <= wanted.first() && wanted.last() <= range.last()));
        }
    }
}
