package dev.chronoscale.domain.net;

import java.math.BigInteger;

/** A CIDR prefix; the address is always the first address of the network (host bits are cleared). */
public record IpPrefix(IpAddress address, int bits) implements Comparable<IpPrefix> {

    public IpPrefix {
        if (bits < 0 || bits > address.bitLength()) {
            throw new IllegalArgumentException("prefix length " + bits + " is out of range for " + address);
        }
        address = address.fill(bits, false);
    }

    /**
     * Parses {@code a.b.c.d/n}, an IPv6 prefix, or a bare address (a single-address prefix), written exactly as
     * Tailscale writes them: no surrounding whitespace, no leading zeros in IPv4 octets, a length of one to three
     * digits. Host bits are cleared ({@code 10.1.2.3/8} is {@code 10.0.0.0/8}). Policies and everything this
     * server wrote itself (node addresses, approved routes, the wire format) are read this way.
     */
    public static IpPrefix parse(String text) {
        requireText(text);
        int slash = text.indexOf('/');
        if (slash < 0) {
            return single(IpAddressText.parse(text, false));
        }
        IpAddress address = IpAddressText.parse(text.substring(0, slash), false);
        String length = text.substring(slash + 1);
        if (length.isEmpty() || length.length() > 3 || !length.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw badLength(text);
        }
        return new IpPrefix(address, Integer.parseInt(length));
    }

    /**
     * Parses a prefix typed by an operator (the configuration file's {@code prefixes}, tailnet settings, routes a
     * node or an administrator asks for) the way Chronoscale always has, which is more forgiving than
     * {@link #parse}: surrounding whitespace is ignored, IPv4 octets may have leading zeros (read as decimal), and
     * the length is any integer {@link Integer#parseInt} reads ({@code +8}, {@code 008}). Host bits are cleared,
     * as by {@link #parse}. Kept apart so that configurations and requests that were accepted stay accepted,
     * while policies keep Tailscale's stricter reading.
     */
    public static IpPrefix parseLenient(String text) {
        requireText(text);
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        IpAddress address = IpAddressText.parse(slash < 0 ? trimmed : trimmed.substring(0, slash), true);
        if (slash < 0) {
            return single(address);
        }
        int bits;
        try {
            bits = Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw badLength(text);
        }
        return new IpPrefix(address, bits);
    }

    private static void requireText(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty prefix");
        }
    }

    private static IllegalArgumentException badLength(String text) {
        return new IllegalArgumentException("'" + text + "' is not a valid prefix: bad prefix length");
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

    /** How many addresses the prefix holds: 2 to the power of its host bits. */
    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(address.bitLength() - bits);
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
