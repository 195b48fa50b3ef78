package dev.chronoscale.domain.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** The text of an address both ways: the one reader of IPv4 and IPv6 literals and the one writer (RFC 5952). */
final class IpAddressText {

    private IpAddressText() {
    }

    /**
     * Reads a literal address, never a name. {@code leadingZeros} lets an IPv4 octet be written with leading
     * zeros, read as decimal ({@code 010} is 10); see {@link IpPrefix#parseLenient} for who needs that.
     */
    static IpAddress parse(String text, boolean leadingZeros) {
        return text.indexOf(':') >= 0 ? parseV6(text) : parseV4(text, leadingZeros);
    }

    private static IpAddress parseV4(String text, boolean leadingZeros) {
        long value = 0;
        int octets = 0;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('.', start);
            if (end < 0) {
                end = text.length();
            }
            int length = end - start;
            if (++octets > 4 || length < 1 || length > 3 || (!leadingZeros && length > 1 && text.charAt(start) == '0')) {
                throw notAnAddress(text);
            }
            int octet = 0;
            for (int i = start; i < end; i++) {
                char c = text.charAt(i);
                if (c < '0' || c > '9') {
                    throw notAnAddress(text);
                }
                octet = octet * 10 + (c - '0');
            }
            if (octet > 255) {
                throw notAnAddress(text);
            }
            value = (value << 8) | octet;
            start = end + 1;
        }
        if (octets != 4) {
            throw notAnAddress(text);
        }
        return IpAddress.v4(value);
    }

    /**
     * InetAddress reads a literal that starts with a hex digit or ':' without a lookup; the check before it
     * keeps anything else from ever reaching the resolver. It also turns an IPv4-mapped address
     * ({@code ::ffff:a.b.c.d}) into the IPv4 address, which both the policy language and address allocation
     * have always relied on.
     */
    private static IpAddress parseV6(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!hex && c != ':' && (c != '.' || i == 0)) {
                throw notAnAddress(text);
            }
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw notAnAddress(text);
        }
        byte[] bytes = address.getAddress();
        if (!(address instanceof Inet6Address)) {
            return IpAddress.v4(((bytes[0] & 0xFFL) << 24) | ((bytes[1] & 0xFFL) << 16) | ((bytes[2] & 0xFFL) << 8) | (bytes[3] & 0xFFL));
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 8; i++) {
            hi = (hi << 8) | (bytes[i] & 0xFF);
            lo = (lo << 8) | (bytes[i + 8] & 0xFF);
        }
        return new IpAddress(true, hi, lo);
    }

    static IllegalArgumentException notAnAddress(String text) {
        return new IllegalArgumentException("'" + text + "' is not an IP address");
    }

    /** Dotted quad, or the canonical text of RFC 5952: lower case, no leading zeros, the longest zero run as "::". */
    static String format(IpAddress address) {
        long hi = address.hi();
        long lo = address.lo();
        if (!address.v6()) {
            return ((lo >>> 24) & 0xFF) + "." + ((lo >>> 16) & 0xFF) + "." + ((lo >>> 8) & 0xFF) + "." + (lo & 0xFF);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 4; i++) {
            groups[i] = (int) ((hi >>> (48 - 16 * i)) & 0xFFFF);
            groups[i + 4] = (int) ((lo >>> (48 - 16 * i)) & 0xFFFF);
        }
        // A run must be at least two groups long (section 4.2.2); of equally long runs the first wins (4.2.3).
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
