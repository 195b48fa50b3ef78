package dev.chronoscale.domain.net;

import java.math.BigInteger;

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

    /**
     * Parses a literal address as Tailscale writes one: a dotted quad without leading zeros in its octets, or
     * IPv6 text (an IPv4-mapped IPv6 address is the IPv4 address). Never resolves names.
     */
    public static IpAddress parse(String text) {
        return IpAddressText.parse(text, false);
    }

    /** The address whose 32 or 128 bits are the low bits of {@code number}. */
    public static IpAddress ofNumber(boolean v6, BigInteger number) {
        return v6 ? new IpAddress(true, number.shiftRight(64).longValue(), number.longValue()) : v4(number.longValue());
    }

    /** The address as an unsigned number, for arithmetic beyond {@link #next()}. */
    public BigInteger number() {
        BigInteger low = new BigInteger(Long.toUnsignedString(lo));
        return v6 ? new BigInteger(Long.toUnsignedString(hi)).shiftLeft(64).or(low) : low;
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
        return IpAddressText.format(this);
    }
}
