package dev.chronoscale.domain.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * An IPv4 or IPv6 address as a 128-bit number ({@code hi}, {@code lo}); IPv4 uses only the low 32 bits.
 * IPv4 addresses order before all IPv6 addresses, so sets of either family can share one sorted list.
 */
public record IpAddress(boolean v6, long hi, long lo) implements Comparable<IpAddress> {

    public static IpAddress v4(long value) {
        return new IpAddress(false, 0, value & 0xFFFFFFFFL);
    }

    public int bitLength() {
        return v6 ? 128 : 32;
    }

    /** Parses a literal address; never resolves names. */
    public static IpAddress parse(String text) {
        if (text.indexOf(':') >= 0) {
            return parseV6(text);
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
        }
        long value = 0;
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || (part.length() > 1 && part.charAt(0) == '0')) {
                throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
            }
            int octet = Integer.parseInt(part);
            if (octet > 255) {
                throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
            }
            value = (value << 8) | octet;
        }
        return v4(value);
    }

    private static IpAddress parseV6(String text) {
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
        }
        try {
            // A literal containing ':' is parsed, never looked up, by InetAddress.
            InetAddress address = InetAddress.getByName(text);
            byte[] bytes = address.getAddress();
            if (!(address instanceof Inet6Address)) {
                return v4(((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL));
            }
            long hi = 0;
            long lo = 0;
            for (int i = 0; i < 8; i++) {
                hi = (hi << 8) | (bytes[i] & 0xFF);
                lo = (lo << 8) | (bytes[i + 8] & 0xFF);
            }
            return new IpAddress(true, hi, lo);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP address: \"" + text + "\"");
        }
    }

    public IpAddress next() {
        if (!v6) {
            return v4(lo + 1);
        }
        long newLo = lo + 1;
        return new IpAddress(true, newLo == 0 ? hi + 1 : hi, newLo);
    }

    public IpAddress previous() {
        if (!v6) {
            return v4(lo - 1);
        }
        return new IpAddress(true, lo == 0 ? hi - 1 : hi, lo - 1);
    }

    public boolean isMax() {
        return v6 ? hi == -1L && lo == -1L : lo == 0xFFFFFFFFL;
    }

    public boolean isZero() {
        return hi == 0 && lo == 0;
    }

    /** Bit {@code index} counted from the most significant bit of the family's width. */
    boolean bit(int index) {
        if (!v6) {
            return ((lo >>> (31 - index)) & 1) != 0;
        }
        return index < 64 ? ((hi >>> (63 - index)) & 1) != 0 : ((lo >>> (127 - index)) & 1) != 0;
    }

    /** The address with all bits from {@code bits} on set to zero ({@code ones=false}) or one. */
    IpAddress fill(int bits, boolean ones) {
        if (!v6) {
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return v4(ones ? lo | ~mask : lo & mask);
        }
        long hiMask = bits >= 64 ? -1L : bits == 0 ? 0 : -1L << (64 - bits);
        long loMask = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
        return ones ? new IpAddress(true, hi | ~hiMask, lo | ~loMask) : new IpAddress(true, hi & hiMask, lo & loMask);
    }

    @Override
    public int compareTo(IpAddress other) {
        if (v6 != other.v6) {
            return v6 ? 1 : -1;
        }
        int c = Long.compareUnsigned(hi, other.hi);
        return c != 0 ? c : Long.compareUnsigned(lo, other.lo);
    }

    @Override
    public String toString() {
        if (!v6) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            if (groups[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
