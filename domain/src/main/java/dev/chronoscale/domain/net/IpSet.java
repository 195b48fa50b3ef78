package dev.chronoscale.domain.net;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/** An immutable set of addresses, kept as sorted, disjoint, non-adjacent ranges. */
public final class IpSet {

    public static final IpSet EMPTY = new IpSet(List.of());

    private final List<IpRange> ranges;
    private int hash;

    private IpSet(List<IpRange> ranges) {
        this.ranges = ranges;
    }

    public static IpSet of(Collection<IpRange> ranges) {
        if (ranges.isEmpty()) {
            return EMPTY;
        }
        List<IpRange> sorted = new ArrayList<>(ranges);
        sorted.sort(Comparator.comparing(IpRange::first));
        return coalesce(sorted);
    }

    /** Merges overlapping and adjacent ranges of a list sorted by first address. */
    private static IpSet coalesce(List<IpRange> sorted) {
        List<IpRange> merged = new ArrayList<>(sorted.size());
        IpRange current = sorted.get(0);
        for (int i = 1; i < sorted.size(); i++) {
            IpRange next = sorted.get(i);
            boolean touches = current.last().v6() == next.first().v6()
                    && (current.last().compareTo(next.first()) >= 0
                    || (!current.last().isMax() && current.last().next().equals(next.first())));
            if (touches) {
                if (next.last().compareTo(current.last()) > 0) {
                    current = new IpRange(current.first(), next.last());
                }
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return new IpSet(Collections.unmodifiableList(merged));
    }

    public static IpSet ofPrefixes(Collection<IpPrefix> prefixes) {
        return of(prefixes.stream().map(IpPrefix::range).toList());
    }

    public static IpSet ofAddresses(Collection<IpAddress> addresses) {
        return of(addresses.stream().map(a -> new IpRange(a, a)).toList());
    }

    public List<IpRange> ranges() {
        return ranges;
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public boolean contains(IpAddress address) {
        return indexOf(address) >= 0;
    }

    public boolean overlaps(IpRange other) {
        // The first range ending at or after other.first is the only candidate.
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (ranges.get(mid).last().compareTo(other.first()) < 0) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return low < ranges.size() && ranges.get(low).overlaps(other);
    }

    /** The range of this set that contains {@code address}, if any. */
    public java.util.Optional<IpRange> rangeContaining(IpAddress address) {
        int index = indexOf(address);
        return index < 0 ? java.util.Optional.empty() : java.util.Optional.of(ranges.get(index));
    }

    /** The index of the range containing {@code address}, or -1. */
    private int indexOf(IpAddress address) {
        int low = 0;
        int high = ranges.size() - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            IpRange range = ranges.get(mid);
            if (range.last().compareTo(address) < 0) {
                low = mid + 1;
            } else if (range.first().compareTo(address) > 0) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -1;
    }

    public boolean overlaps(IpPrefix prefix) {
        return overlaps(prefix.range());
    }

    public boolean containsRange(IpRange other) {
        for (IpRange range : ranges) {
            if (range.containsRange(other)) {
                return true;
            }
        }
        return false;
    }

    /** True when every address of {@code other} (which is not empty) is in this set. */
    public boolean containsAllOf(IpSet other) {
        if (other.isEmpty()) {
            return false;
        }
        // This set's ranges are disjoint and never adjacent, so each range of the other lies in one of them or is not
        // covered: a binary search per range, not a subtraction.
        for (IpRange range : other.ranges) {
            int index = indexOf(range.first());
            if (index < 0 || ranges.get(index).last().compareTo(range.last()) < 0) {
                return false;
            }
        }
        return true;
    }

    public IpSet union(IpSet other) {
        if (other.isEmpty()) {
            return this;
        }
        if (isEmpty()) {
            return other;
        }
        // Both lists are sorted: a linear merge keeps adding a few addresses to a large set cheap.
        List<IpRange> all = new ArrayList<>(ranges.size() + other.ranges.size());
        int i = 0;
        int j = 0;
        while (i < ranges.size() || j < other.ranges.size()) {
            if (j == other.ranges.size()
                    || (i < ranges.size() && ranges.get(i).first().compareTo(other.ranges.get(j).first()) <= 0)) {
                all.add(ranges.get(i++));
            } else {
                all.add(other.ranges.get(j++));
            }
        }
        return coalesce(all);
    }

    public IpSet minus(IpSet other) {
        if (other.isEmpty() || isEmpty()) {
            return this;
        }
        List<IpRange> out = new ArrayList<>();
        for (IpRange range : ranges) {
            if (!other.overlaps(range)) {
                out.add(range);
                continue;
            }
            List<IpRange> pieces = List.of(range);
            for (IpRange cut : other.ranges) {
                List<IpRange> next = new ArrayList<>();
                for (IpRange piece : pieces) {
                    if (!piece.overlaps(cut)) {
                        next.add(piece);
                        continue;
                    }
                    if (piece.first().compareTo(cut.first()) < 0) {
                        next.add(new IpRange(piece.first(), cut.first().previous()));
                    }
                    if (piece.last().compareTo(cut.last()) > 0) {
                        next.add(new IpRange(cut.last().next(), piece.last()));
                    }
                }
                pieces = next;
            }
            out.addAll(pieces);
        }
        return of(out);
    }

    public List<IpPrefix> prefixes() {
        List<IpPrefix> out = new ArrayList<>();
        for (IpRange range : ranges) {
            out.addAll(range.prefixes());
        }
        return out;
    }

    /** The wire rendering Tailscale uses in SrcIPs: one string per range. */
    /**
     * The ranges as text. The list is one {@link List#copyOf} returns as it is (a stream's {@code toList()} is not):
     * rules and packet filters that copy it share it instead of copying thousands of addresses each.
     */
    public List<String> toStrings() {
        return List.of(ranges.stream().map(IpRange::toString).toArray(String[]::new));
    }

    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof IpSet set && set.hashCode() == hashCode() && set.ranges.equals(ranges));
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = ranges.hashCode();
            hash = h;
        }
        return h;
    }

    @Override
    public String toString() {
        return toStrings().toString();
    }
}
