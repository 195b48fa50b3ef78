package dev.chronoscale.domain.address;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** A parsed CIDR prefix such as 100.64.0.0/10 or fd7a:115c:a1e0::/48, normalised to its network address. */
public record IpPrefix(InetAddress network, int bits) {

    public IpPrefix {
        int max = network.getAddress().length * 8;
        if (bits < 0 || bits > max) {
            throw new IllegalArgumentException("prefix length " + bits + " is out of range for " + network.getHostAddress());
        }
        network = toAddress(toNumber(network).and(mask(bits, max)), network.getAddress().length);
    }

    /** Parses "a.b.c.d/n" or "x::y/n"; a bare address is a host prefix (/32 or /128). */
    public static IpPrefix parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty prefix");
        }
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressPart = slash < 0 ? trimmed : trimmed.substring(0, slash);
        InetAddress address = parseAddress(addressPart);
        int max = address.getAddress().length * 8;
        int bits;
        if (slash < 0) {
            bits = max;
        } else {
            try {
                bits = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "' is not a valid prefix: bad prefix length");
            }
        }
        return new IpPrefix(address, bits);
    }

    /** Parses a literal IPv4 or IPv6 address without ever doing a DNS lookup. */
    public static InetAddress parseAddress(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.contains(":") && text.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        if (v4) {
            for (String part : text.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    throw new IllegalArgumentException("'" + text + "' is not an IP address");
                }
            }
        }
        try {
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
    }

    public boolean isIpv4() {
        return network.getAddress().length == 4;
    }

    public int addressBits() {
        return network.getAddress().length * 8;
    }

    public BigInteger first() {
        return toNumber(network);
    }

    public BigInteger last() {
        return first().add(BigInteger.ONE.shiftLeft(addressBits() - bits)).subtract(BigInteger.ONE);
    }

    public BigInteger size() {
        return BigInteger.ONE.shiftLeft(addressBits() - bits);
    }

    public boolean contains(InetAddress address) {
        if (address.getAddress().length != network.getAddress().length) {
            return false;
        }
        BigInteger n = toNumber(address);
        return n.compareTo(first()) >= 0 && n.compareTo(last()) <= 0;
    }

    public InetAddress addressAt(BigInteger number) {
        return toAddress(number, network.getAddress().length);
    }

    @Override
    public String toString() {
        return format(network) + "/" + bits;
    }

    public static BigInteger toNumber(InetAddress address) {
        return new BigInteger(1, address.getAddress());
    }

    public static InetAddress toAddress(BigInteger number, int length) {
        byte[] raw = number.toByteArray();
        byte[] bytes = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, bytes, length - copy, copy);
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Canonical text of an address: dotted quad, or the RFC 5952 form of IPv6 (longest zero run as "::"). */
    public static String format(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 4) {
            return address.getHostAddress();
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    private static BigInteger mask(int bits, int max) {
        BigInteger all = BigInteger.ONE.shiftLeft(max).subtract(BigInteger.ONE);
        BigInteger host = BigInteger.ONE.shiftLeft(max - bits).subtract(BigInteger.ONE);
        return all.xor(host);
    }
}
