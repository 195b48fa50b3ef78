package dev.chronoscale.domain.address;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.InMemoryUniquenessRegistry;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AddressAllocatorTest {

    private final InMemoryUniquenessRegistry claims = new InMemoryUniquenessRegistry();

    private static AddressAllocator v4(String prefix, AllocationStrategy strategy) {
        return new AddressAllocator(Optional.of(IpPrefix.parse(prefix)), Optional.empty(), strategy, new Random(42));
    }

    private static AddressAllocator v6(String prefix, AllocationStrategy strategy) {
        return new AddressAllocator(Optional.empty(), Optional.of(IpPrefix.parse(prefix)), strategy, new Random(42));
    }

    /** Allocates for owners node:1, node:2, ... until the allocator refuses, and returns what it handed out. */
    private List<String> allocateUntilExhausted(AddressAllocator allocator, int limit) {
        List<String> got = new ArrayList<>();
        for (int i = 1; i <= limit; i++) {
            NodeAddresses a;
            try {
                a = allocator.allocate(claims, "node:" + i);
            } catch (DomainException e) {
                assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT);
                assertThat(e.getMessage()).startsWith("no free address left in ");
                return got;
            }
            got.add(a.ipv4().or(a::ipv6).orElseThrow());
        }
        throw new AssertionError("allocator handed out more than " + limit + " addresses: " + got);
    }

    @Test
    void defaultsAreTheTailscaleRangesAllocatedSequentially() {
        AddressAllocator defaults = AddressAllocator.defaults();
        assertThat(defaults.ipv4Prefix()).contains(IpPrefix.parse("100.64.0.0/10"));
        assertThat(defaults.ipv6Prefix()).contains(IpPrefix.parse("fd7a:115c:a1e0::/48"));
        assertThat(defaults.strategy()).isEqualTo(AllocationStrategy.SEQUENTIAL);
    }

    @Test
    void sequentialHandsOutTheLowestFreeHostAddressOfEachFamily() {
        AddressAllocator allocator = AddressAllocator.defaults();

        NodeAddresses first = allocator.allocate(claims, "node:1");
        NodeAddresses second = allocator.allocate(claims, "node:2");

        assertThat(first).isEqualTo(new NodeAddresses(Optional.of("100.64.0.1"), Optional.of("fd7a:115c:a1e0::1")));
        assertThat(second).isEqualTo(new NodeAddresses(Optional.of("100.64.0.2"), Optional.of("fd7a:115c:a1e0::2")));
        assertThat(claims.owner(ClaimKind.IPV4, "100.64.0.1")).contains("node:1");
        assertThat(claims.owner(ClaimKind.IPV6, "fd7a:115c:a1e0::2")).contains("node:2");
    }

    @Test
    void disabledFamilyGetsNoAddress() {
        NodeAddresses a = v6("fd00:1::/64", AllocationStrategy.SEQUENTIAL).allocate(claims, "node:1");
        assertThat(a).isEqualTo(new NodeAddresses(Optional.empty(), Optional.of("fd00:1::1")));
        assertThat(claims.claimed(ClaimKind.IPV4)).isEmpty();
    }

    @Test
    void addressesHeldByOthersAreSkipped() {
        claims.claim(ClaimKind.IPV4, "10.0.0.1", "node:9");
        claims.claim(ClaimKind.IPV4, "10.0.0.2", "node:8");

        NodeAddresses a = v4("10.0.0.0/24", AllocationStrategy.SEQUENTIAL).allocate(claims, "node:1");

        assertThat(a.ipv4()).contains("10.0.0.3");
    }

    @Test
    void sequentialResumesWhereItEndedInsteadOfReadingEveryClaimAgain() {
        List<ClaimKind> fullReads = new ArrayList<>();
        UniquenessRegistry counting = new UniquenessRegistry() {
            @Override public void claim(ClaimKind kind, String value, String owner) { claims.claim(kind, value, owner); }
            @Override public boolean tryClaim(ClaimKind kind, String value, String owner) { return claims.tryClaim(kind, value, owner); }
            @Override public void release(ClaimKind kind, String value, String owner) { claims.release(kind, value, owner); }
            @Override public Optional<String> owner(ClaimKind kind, String value) { return claims.owner(kind, value); }
            @Override public long releaseCount(ClaimKind kind) { return claims.releaseCount(kind); }
            @Override public Set<String> claimed(ClaimKind kind) {
                fullReads.add(kind);
                return claims.claimed(kind);
            }
        };
        AddressAllocator allocator = v4("10.0.0.0/24", AllocationStrategy.SEQUENTIAL);
        for (int i = 1; i <= 50; i++) {
            assertThat(allocator.allocate(counting, "node:" + i).ipv4()).contains("10.0.0." + i);
        }
        assertThat(fullReads).hasSize(1);

        // Another server took the next address meanwhile: the claim, not the cursor, decides.
        claims.claim(ClaimKind.IPV4, "10.0.0.51", "node:elsewhere");
        assertThat(allocator.allocate(counting, "node:51").ipv4()).contains("10.0.0.52");
        assertThat(fullReads).hasSize(1);

        counting.release(ClaimKind.IPV4, "10.0.0.7", "node:7");
        assertThat(allocator.allocate(counting, "node:52").ipv4()).contains("10.0.0.7");
        assertThat(fullReads).hasSize(2);
    }

    @Test
    void sequentialReusesTheLowestReleasedAddress() {
        AddressAllocator allocator = v4("10.0.0.0/24", AllocationStrategy.SEQUENTIAL);
        allocator.allocate(claims, "node:1");
        allocator.allocate(claims, "node:2");
        allocator.allocate(claims, "node:3");
        allocator.allocate(claims, "node:4");
        claims.release(ClaimKind.IPV4, "10.0.0.3", "node:3");
        claims.release(ClaimKind.IPV4, "10.0.0.2", "node:2");

        assertThat(allocator.allocate(claims, "node:5").ipv4()).contains("10.0.0.2");
        assertThat(allocator.allocate(claims, "node:6").ipv4()).contains("10.0.0.3");
        assertThat(allocator.allocate(claims, "node:7").ipv4()).contains("10.0.0.5");
    }

    @Test
    void randomReusesAReleasedAddressOfAFullPrefix() {
        AddressAllocator allocator = v4("10.0.0.0/29", AllocationStrategy.RANDOM);
        List<String> all = allocateUntilExhausted(allocator, 10);
        String freed = all.get(2);
        claims.release(ClaimKind.IPV4, freed, "node:3");

        assertThat(allocator.allocate(claims, "node:99").ipv4()).contains(freed);
    }

    @Test
    void sequentialSkipsTheMagicDnsResolverAddress() {
        // 100.100.100.96/29: network .96, broadcast .103, hosts .97-.102 of which .100 is reserved
        List<String> got = allocateUntilExhausted(v4("100.100.100.96/29", AllocationStrategy.SEQUENTIAL), 10);
        assertThat(got).containsExactly("100.100.100.97", "100.100.100.98", "100.100.100.99",
                "100.100.100.101", "100.100.100.102");
    }

    @Test
    void sequentialSkipsTheChromeOsVmRange() {
        // 100.115.92.0/22 covers 100.115.92.0-100.115.95.255; the reserved /23 is its lower half
        NodeAddresses a = v4("100.115.92.0/22", AllocationStrategy.SEQUENTIAL).allocate(claims, "node:1");
        assertThat(a.ipv4()).contains("100.115.94.0");
    }

    @Test
    void sequentialSkipsTheIpv6MagicDnsResolverAddress() {
        // fd7a:115c:a1e0::50/124: ::51-::5f are host addresses, ::53 is the resolver
        List<String> got = allocateUntilExhausted(v6("fd7a:115c:a1e0::50/124", AllocationStrategy.SEQUENTIAL), 20);
        assertThat(got).hasSize(14).doesNotContain("fd7a:115c:a1e0::53", "fd7a:115c:a1e0::50")
                .startsWith("fd7a:115c:a1e0::51", "fd7a:115c:a1e0::52", "fd7a:115c:a1e0::54")
                .endsWith("fd7a:115c:a1e0::5f");
    }

    @Test
    void randomNeverHandsOutReservedAddresses() {
        List<String> got = allocateUntilExhausted(v4("100.100.100.96/29", AllocationStrategy.RANDOM), 10);
        assertThat(got).containsExactlyInAnyOrder("100.100.100.97", "100.100.100.98", "100.100.100.99",
                "100.100.100.101", "100.100.100.102");
    }

    @ParameterizedTest
    @EnumSource(AllocationStrategy.class)
    void slash30HasTwoUsableAddressesThenRunsOut(AllocationStrategy strategy) {
        List<String> got = allocateUntilExhausted(v4("10.9.8.4/30", strategy), 10);
        assertThat(got).containsExactlyInAnyOrder("10.9.8.5", "10.9.8.6");
        assertThatThrownBy(() -> v4("10.9.8.4/30", strategy).allocate(claims, "node:late"))
                .isInstanceOf(DomainException.class)
                .hasMessage("no free address left in 10.9.8.4/30");
        assertThat(claims.owner(ClaimKind.IPV4, "10.9.8.5")).isPresent();
    }

    @ParameterizedTest
    @EnumSource(AllocationStrategy.class)
    void slash31HasTwoUsableAddresses(AllocationStrategy strategy) {
        // RFC 3021: a /31 has no network or broadcast address, both addresses are hosts
        List<String> got = allocateUntilExhausted(v4("10.9.8.6/31", strategy), 10);
        assertThat(got).containsExactlyInAnyOrder("10.9.8.6", "10.9.8.7");
    }

    @ParameterizedTest
    @EnumSource(AllocationStrategy.class)
    void hostPrefixesHaveTheirSingleAddress(AllocationStrategy strategy) {
        assertThat(allocateUntilExhausted(v4("10.9.8.9/32", strategy), 10)).containsExactly("10.9.8.9");
        assertThat(allocateUntilExhausted(v6("fd00:5::9/128", strategy), 10)).containsExactly("fd00:5::9");
    }

    @ParameterizedTest
    @EnumSource(AllocationStrategy.class)
    void ipv6Slash127HasTwoUsableAddresses(AllocationStrategy strategy) {
        // RFC 6164: both addresses of a /127 are usable
        assertThat(allocateUntilExhausted(v6("fd00:5::8/127", strategy), 10)).containsExactlyInAnyOrder("fd00:5::8", "fd00:5::9");
    }

    @ParameterizedTest
    @EnumSource(AllocationStrategy.class)
    void tinyIpv6PrefixSkipsOnlyTheSubnetRouterAnycastAddress(AllocationStrategy strategy) {
        // RFC 4291 2.6.1: the all-zero interface id is the subnet-router anycast address, not a host address
        List<String> got = allocateUntilExhausted(v6("fd00:5::/126", strategy), 10);
        assertThat(got).containsExactlyInAnyOrder("fd00:5::1", "fd00:5::2", "fd00:5::3");
    }

    @Test
    void randomAllocationsAreDistinctHostAddressesInsideThePrefix() {
        AddressAllocator allocator = v4("10.0.0.0/29", AllocationStrategy.RANDOM);
        List<String> got = allocateUntilExhausted(allocator, 10);
        assertThat(got).containsExactlyInAnyOrder("10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.4", "10.0.0.5",
                "10.0.0.6");
    }

    @Test
    void randomDoesNotSimplyTakeTheLowestAddresses() {
        AddressAllocator allocator = new AddressAllocator(Optional.of(IpPrefix.parse("100.64.0.0/10")),
                Optional.of(IpPrefix.parse("fd7a:115c:a1e0::/48")), AllocationStrategy.RANDOM, new Random(7));
        Set<String> v4 = new HashSet<>();
        Set<String> v6 = new HashSet<>();
        for (int i = 1; i <= 20; i++) {
            NodeAddresses a = allocator.allocate(claims, "node:" + i);
            v4.add(a.ipv4().orElseThrow());
            v6.add(a.ipv6().orElseThrow());
        }
        assertThat(v4).hasSize(20);
        assertThat(v6).hasSize(20);
        IpPrefix v4Prefix = IpPrefix.parse("100.64.0.0/10");
        IpPrefix v6Prefix = IpPrefix.parse("fd7a:115c:a1e0::/48");
        assertThat(v4).allSatisfy(a -> assertThat(v4Prefix.contains(IpAddress.parse(a))).as(a).isTrue());
        assertThat(v6).allSatisfy(a -> assertThat(v6Prefix.contains(IpAddress.parse(a))).as(a).isTrue());
        // sequential would have produced exactly 100.64.0.1 - 100.64.0.20
        Set<String> sequential = new HashSet<>();
        for (int i = 1; i <= 20; i++) {
            sequential.add("100.64.0." + i);
        }
        assertThat(v4).isNotEqualTo(sequential);
        assertThat(v4).doesNotContain("100.64.0.0", "100.127.255.255");
    }

    @Test
    void constructorRefusesMisplacedOrMissingPrefixes() {
        Optional<IpPrefix> v4 = Optional.of(IpPrefix.parse("100.64.0.0/10"));
        Optional<IpPrefix> v6 = Optional.of(IpPrefix.parse("fd7a:115c:a1e0::/48"));
        assertThatThrownBy(() -> new AddressAllocator(v6, Optional.empty(), AllocationStrategy.SEQUENTIAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv4 prefix");
        assertThatThrownBy(() -> new AddressAllocator(Optional.empty(), v4, AllocationStrategy.SEQUENTIAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not an IPv6 prefix");
        assertThatThrownBy(() -> new AddressAllocator(Optional.empty(), Optional.empty(), AllocationStrategy.SEQUENTIAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one");
    }

    @Test
    void allocationStrategyParsesHeadscaleSpelling() {
        assertThat(AllocationStrategy.parse("sequential")).isEqualTo(AllocationStrategy.SEQUENTIAL);
        assertThat(AllocationStrategy.parse(" Random ")).isEqualTo(AllocationStrategy.RANDOM);
        assertThatThrownBy(() -> AllocationStrategy.parse("round-robin")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AllocationStrategy.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
