package dev.chronoscale.domain.net;

import java.util.ArrayList;
import java.util.List;

/** An inclusive range of addresses of one family. */
public record IpRange(IpAddress first, IpAddress last) {

    public IpRange {
        if (first.v6() != last.v6() || first.compareTo(last) > 0) {
            throw new IllegalArgumentException("invalid range " + first + "-" + last);
        }
    }

    public boolean contains(IpAddress address) {
        return first.compareTo(address) <= 0 && address.compareTo(last) <= 0;
    }

    public boolean overlaps(IpRange other) {
        return first.compareTo(other.last) <= 0 && other.first.compareTo(last) <= 0;
    }

    public boolean containsRange(IpRange other) {
        return first.compareTo(other.first) <= 0 && other.last.compareTo(last) <= 0;
    }

    /** The fewest prefixes that cover exactly this range. */
    public List<IpPrefix> prefixes() {
        List<IpPrefix> out = new ArrayList<>();
        IpAddress start = first;
        int width = first.bitLength();
        while (true) {
            int bits = width;
            // Widen while the block stays aligned at start and ends inside the range.
            while (bits > 0) {
                IpAddress blockStart = start.fill(bits - 1, false);
                IpAddress blockEnd = start.fill(bits - 1, true);
                if (!blockStart.equals(start) || blockEnd.compareTo(last) > 0) {
                    break;
                }
                bits--;
            }
            IpPrefix prefix = new IpPrefix(start, bits);
            out.add(prefix);
            IpAddress end = prefix.last();
            if (end.compareTo(last) >= 0 || end.isMax()) {
                return out;
            }
            start = end.next();
        }
    }

    /** Tailscale's rendering: a bare address, a prefix when the range is exactly one, else {@code first-last}. */
    @Override
    public String toString() {
        if (first.equals(last)) {
            return first.toString();
        }
        List<IpPrefix> prefixes = prefixes();
        if (prefixes.size() == 1) {
            return prefixes.get(0).toString();
        }
        return first + "-" + last;
    }
}
