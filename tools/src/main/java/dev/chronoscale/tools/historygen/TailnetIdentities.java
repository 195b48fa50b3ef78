package dev.chronoscale.tools.historygen;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;

/** Keys, addresses and unique node names in the forms the server's aggregates validate and allocate. */
final class TailnetIdentities {

    private final Random random;
    private final Set<String> names = new HashSet<>();
    private long nextAddress = 1;

    TailnetIdentities(Random random) {
        this.random = random;
    }

    /** A key in Tailscale's text form: a type prefix and 64 hex digits, never all zeros. */
    String key(String prefix) {
        return prefix + String.format("%016x%016x%016x%016x", random.nextLong() | 1, random.nextLong(),
                random.nextLong(), random.nextLong());
    }

    /** The next address pair of the tailnet's ranges (100.64.0.0/10 and fd7a:115c:a1e0::/48), as the allocator hands them out. */
    String[] nextAddresses() {
        long index = nextAddress++;
        String ipv4 = "100." + (64 + (index >> 16)) + "." + ((index >> 8) & 0xff) + "." + (index & 0xff);
        return new String[]{ipv4, "fd7a:115c:a1e0::" + Long.toHexString(index)};
    }

    /** {@code base}, or {@code base-1}, {@code base-2}, ... when taken, as the node aggregate claims names. */
    String claimName(String base) {
        String name = base;
        for (int n = 1; !names.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }

    void releaseName(String name) {
        names.remove(name);
    }

    String hex(int digits) {
        StringBuilder hex = new StringBuilder();
        while (hex.length() < digits) {
            hex.append(String.format("%016x", random.nextLong()));
        }
        return hex.substring(0, digits);
    }
}
