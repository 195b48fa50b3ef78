package dev.chronoscale.domain.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpSetTest {

    @Test
    void cgnatWithoutTheReservedBlockRendersAsTailscaleRanges() {
        IpSet set = IpSet.ofPrefixes(List.of(IpPrefix.parse("100.64.0.0/10"), IpPrefix.parse("fd7a:115c:a1e0::/48")))
                .minus(IpSet.ofPrefixes(List.of(IpPrefix.parse("100.115.92.0/23"))));
        assertThat(set.toStrings()).containsExactly(
                "100.64.0.0-100.115.91.255", "100.115.94.0-100.127.255.255", "fd7a:115c:a1e0::/48");
    }

    @Test
    void adjacentAddressesMergeAndSplitIntoPrefixes() {
        IpSet set = IpSet.ofAddresses(List.of(IpAddress.parse("10.0.0.1"), IpAddress.parse("10.0.0.2"),
                IpAddress.parse("10.0.0.3")));
        assertThat(set.toStrings()).containsExactly("10.0.0.1-10.0.0.3");
        assertThat(set.prefixes()).extracting(IpPrefix::toString).containsExactly("10.0.0.1/32", "10.0.0.2/31");
    }

    @Test
    void containsAndOverlaps() {
        IpSet set = IpSet.ofPrefixes(List.of(IpPrefix.parse("10.0.0.0/8")));
        assertThat(set.contains(IpAddress.parse("10.1.2.3"))).isTrue();
        assertThat(set.contains(IpAddress.parse("11.0.0.0"))).isFalse();
        assertThat(set.overlaps(IpPrefix.parse("0.0.0.0/0"))).isTrue();
        assertThat(set.overlaps(IpPrefix.parse("::/0"))).isFalse();
        assertThat(set.containsAllOf(IpSet.ofPrefixes(List.of(IpPrefix.parse("10.33.0.0/16"))))).isTrue();
    }

    @Test
    void ipv6RendersInCanonicalShortForm() {
        assertThat(IpAddress.parse("fd7a:115c:a1e0:0:0:0:7f37:b2e").toString()).isEqualTo("fd7a:115c:a1e0::7f37:b2e");
        assertThat(IpPrefix.parse("fd7a:115c:a1e0::1/48").toString()).isEqualTo("fd7a:115c:a1e0::/48");
        assertThat(IpAddress.parse("::").toString()).isEqualTo("::");
    }

    @Test
    void containsAllOfIsWhatSubtractingLeavesNothingOf() {
        java.util.Random random = new java.util.Random(11);
        int agreedTrue = 0;
        for (int round = 0; round < 2000; round++) {
            IpSet big = randomSet(random, 1 + random.nextInt(6), 12);
            IpSet small = randomSet(random, 1 + random.nextInt(3), 4);
            boolean expected = small.minus(big).isEmpty();
            assertThat(big.containsAllOf(small)).as("%s contains all of %s", big.toStrings(), small.toStrings())
                    .isEqualTo(expected);
            agreedTrue += expected ? 1 : 0;
        }
        assertThat(agreedTrue).as("cases where it does").isBetween(100, 1900);
        assertThat(IpSet.ofPrefixes(List.of(IpPrefix.parse("10.0.0.0/8"))).containsAllOf(IpSet.EMPTY)).isFalse();
    }

    /** Up to {@code count} ranges of up to {@code width} addresses in 10.0.0.0/26, so that they meet and overlap. */
    private static IpSet randomSet(java.util.Random random, int count, int width) {
        List<IpRange> ranges = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            int first = random.nextInt(64);
            int last = Math.min(63, first + random.nextInt(width));
            ranges.add(new IpRange(IpAddress.parse("10.0.0." + first), IpAddress.parse("10.0.0." + last)));
        }
        return IpSet.of(ranges);
    }
}
