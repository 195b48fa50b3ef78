package dev.chronoscale.domain.net;

/** A CIDR prefix; the address is always the first address of the network. */
public record IpPrefix(IpAddress address, int bits) implements Comparable<IpPrefix> {

    public IpPrefix {
        if (bits < 0 || bits > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + bits + " out of range");
        }
        address = address.fill(bits, false);
    }

    /** Parses {@code a.b.c.d/n}, an IPv6 prefix, or a bare address (a single-address prefix). */
    public static IpPrefix parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            IpAddress address = IpAddress.parse(text);
            return new IpPrefix(address, address.bitLength());
        }
        IpAddress address = IpAddress.parse(text.substring(0, slash));
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("invalid prefix length in \"" + text + "\"");
        }
        return new IpPrefix(address, Integer.parseInt(length));
    }

    public static IpPrefix single(IpAddress address) {
        return new IpPrefix(address, address.bitLength());
    }

    public boolean isSingleAddress() {
        return bits == address.bitLength();
    }

    public IpAddress last() {
        return address.fill(bits, true);
    }

    public IpRange range() {
        return new IpRange(address, last());
    }

    public boolean contains(IpAddress candidate) {
        return candidate.v6() == address.v6() && candidate.fill(bits, false).equals(address);
    }

    public boolean overlaps(IpPrefix other) {
        return range().overlaps(other.range());
    }

    public boolean isDefaultRoute() {
        return bits == 0;
    }

    @Override
    public int compareTo(IpPrefix other) {
        int c = address.compareTo(other.address);
        return c != 0 ? c : Integer.compare(bits, other.bits);
    }

    @Override
    public String toString() {
        return address + "/" + bits;
    }
}
