package dev.chronoscale.netmap.access;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Access gained and lost between two matrices: the rows of {@code after} that grant what no row of {@code before}
 * did, and the reverse. Rows are compared by what they grant, not by which rule grants it, so moving or splitting a
 * rule that grants the same changes nothing.
 */
public record AccessChange(List<AccessRow> gained, List<AccessRow> lost) {

    public AccessChange {
        gained = List.copyOf(gained);
        lost = List.copyOf(lost);
    }

    public static AccessChange between(List<AccessRow> before, List<AccessRow> after) {
        return new AccessChange(missingFrom(before, after), missingFrom(after, before));
    }

    private static List<AccessRow> missingFrom(List<AccessRow> reference, List<AccessRow> rows) {
        Map<AccessRow.Grant, AccessRow> referenced = new LinkedHashMap<>();
        reference.forEach(row -> referenced.putIfAbsent(row.grant(), row));
        Map<AccessRow.Grant, AccessRow> out = new LinkedHashMap<>();
        for (AccessRow row : rows) {
            if (!referenced.containsKey(row.grant())) {
                out.putIfAbsent(row.grant(), row);
            }
        }
        return List.copyOf(out.values());
    }
}
