package dev.chronoscale.domain.address;

import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out tailnet addresses. Each address is claimed in the {@link UniquenessRegistry} in the
 * registering command's transaction, so no two live nodes ever share one, and an address comes
 * back into use only once the node's deletion has been recorded (which releases the claim).
 */
public final class AddressAllocator {

    /** Addresses Tailscale clients use for themselves: MagicDNS resolver and the ChromeOS VM range. */
    private static final List<IpPrefix> RESERVED = List.of(
            IpPrefix.parse("100.100.100.100/32"),
            IpPrefix.parse("100.115.92.0/23"),
            IpPrefix.parse("fd7a:115c:a1e0::53/128"));
    private static final int RANDOM_ATTEMPTS = 64;

    private final Optional<IpPrefix> ipv4Prefix;
    private final Optional<IpPrefix> ipv6Prefix;
    private final AllocationStrategy strategy;
    private final Random random;
    /** Where the last sequential scan of each kind ended; every address before it was taken then. */
    private final Map<ClaimKind, Cursor> cursors = new ConcurrentHashMap<>();

    /**
     * A sequential scan resumes at {@code next} while {@code claims} has released nothing of the kind since:
     * otherwise a freed address below it must be found first, and the scan starts over.
     */
    private record Cursor(UniquenessRegistry claims, long releases, BigInteger next) {
    }

    public AddressAllocator(Optional<IpPrefix> ipv4Prefix, Optional<IpPrefix> ipv6Prefix, AllocationStrategy strategy) {
        this(ipv4Prefix, ipv6Prefix, strategy, new SecureRandom());
    }

    AddressAllocator(Optional<IpPrefix> ipv4Prefix, Optional<IpPrefix> ipv6Prefix, AllocationStrategy strategy, Random random) {
        ipv4Prefix.filter(p -> p.address().v6()).ifPresent(p -> {
            throw new IllegalArgumentException("prefixes.v4 " + p + " is not an IPv4 prefix");
        });
        ipv6Prefix.filter(p -> !p.address().v6()).ifPresent(p -> {
            throw new IllegalArgumentException("prefixes.v6 " + p + " is not an IPv6 prefix");
        });
        if (ipv4Prefix.isEmpty() && ipv6Prefix.isEmpty()) {
            throw new IllegalArgumentException("at least one of prefixes.v4 and prefixes.v6 must be set");
        }
        this.ipv4Prefix = ipv4Prefix;
        this.ipv6Prefix = ipv6Prefix;
        this.strategy = strategy;
        this.random = random;
    }

    public static AddressAllocator defaults() {
        return new AddressAllocator(Optional.of(IpPrefix.parse("100.64.0.0/10")),
                Optional.of(IpPrefix.parse("fd7a:115c:a1e0::/48")), AllocationStrategy.SEQUENTIAL);
    }

    public Optional<IpPrefix> ipv4Prefix() {
        return ipv4Prefix;
    }

    public Optional<IpPrefix> ipv6Prefix() {
        return ipv6Prefix;
    }

    public AllocationStrategy strategy() {
        return strategy;
    }

    /** Claims one free address per configured family for {@code owner}. */
    public NodeAddresses allocate(UniquenessRegistry claims, String owner) {
        Optional<String> v4 = ipv4Prefix.map(p -> allocate(p, ClaimKind.IPV4, claims, owner));
        Optional<String> v6 = ipv6Prefix.map(p -> allocate(p, ClaimKind.IPV6, claims, owner));
        return new NodeAddresses(v4, v6);
    }

    /**
     * The node's addresses with one claimed for {@code owner} in each configured family it has none of; the
     * addresses it has are kept as they are.
     */
    public NodeAddresses fillIn(Optional<String> ipv4, Optional<String> ipv6, UniquenessRegistry claims, String owner) {
        Optional<String> v4 = ipv4.or(() -> ipv4Prefix.map(p -> allocate(p, ClaimKind.IPV4, claims, owner)));
        Optional<String> v6 = ipv6.or(() -> ipv6Prefix.map(p -> allocate(p, ClaimKind.IPV6, claims, owner)));
        return new NodeAddresses(v4, v6);
    }

    /**
     * Claims the given addresses for {@code owner}, as an imported node had them: each must be a host address in
     * its family's configured prefix, not reserved, and free. A null address is allowed only for a family that is
     * not configured; a configured family's address is allocated when the source had none.
     */
    public NodeAddresses claimExactly(String ipv4, String ipv6, UniquenessRegistry claims, String owner) {
        Optional<String> v4 = claimExactly(ipv4, ipv4Prefix, ClaimKind.IPV4, "prefixes.v4", claims, owner);
        Optional<String> v6 = claimExactly(ipv6, ipv6Prefix, ClaimKind.IPV6, "prefixes.v6", claims, owner);
        return new NodeAddresses(v4, v6);
    }

    private Optional<String> claimExactly(String text, Optional<IpPrefix> configured, ClaimKind kind, String key,
                                          UniquenessRegistry claims, String owner) {
        if (text == null || text.isBlank()) {
            return configured.map(p -> allocate(p, kind, claims, owner));
        }
        IpAddress address = usable(text, configured, key);
        claims.claim(kind, address.toString(), owner);
        return Optional.of(address.toString());
    }

    /**
     * Refuses, with the reason, an address a node may not be given as it is: one outside its family's configured
     * prefix, not a host address of it, or reserved; an import checks its nodes with this before it writes anything.
     */
    public void requireUsable(String text) {
        boolean v6 = text != null && text.contains(":");
        usable(text, v6 ? ipv6Prefix : ipv4Prefix, v6 ? "prefixes.v6" : "prefixes.v4");
    }

    private IpAddress usable(String text, Optional<IpPrefix> configured, String key) {
        IpAddress address;
        try {
            address = IpAddress.parse(text);
        } catch (IllegalArgumentException e) {
            throw DomainException.invalid("'" + text + "' is not an IP address");
        }
        IpPrefix prefix = configured.filter(p -> p.contains(address)).orElseThrow(() -> DomainException.invalid(
                "address " + address + " is outside " + key + configured.map(p -> " (" + p + ")").orElse(" (not set)")
                        + "; configure " + key + " to include it"));
        if (!isHostAddress(prefix, address) || RESERVED.stream().anyMatch(r -> r.contains(address))) {
            throw DomainException.invalid("address " + address + " is not a usable host address of " + prefix);
        }
        return address;
    }

    private String allocate(IpPrefix prefix, ClaimKind kind, UniquenessRegistry claims, String owner) {
        BigInteger first = prefix.address().number();
        BigInteger last = prefix.last().number();
        if (strategy == AllocationStrategy.RANDOM) {
            for (int i = 0; i < RANDOM_ATTEMPTS; i++) {
                BigInteger offset = new BigInteger(prefix.address().bitLength() - prefix.bits(), random).mod(prefix.size());
                Optional<String> got = tryTake(prefix, first.add(offset), kind, Set.of(), claims, owner);
                if (got.isPresent()) {
                    return got.get();
                }
            }
        }
        // Sequential: the lowest free address, so addresses freed by deletions are reused first. The scan
        // resumes where the last one ended unless something was released since, so a tailnet of n nodes
        // does not cost each registration a look at n addresses. tryTake decides which addresses are host
        // addresses, for both strategies alike; the claim decides whether one is free.
        long releases = claims.releaseCount(kind);
        Cursor cursor = cursors.get(kind);
        boolean resume = cursor != null && cursor.claims() == claims && cursor.releases() == releases
                && cursor.next().compareTo(first) >= 0 && cursor.next().compareTo(last) <= 0;
        BigInteger candidate = resume ? cursor.next() : first;
        Set<String> taken = resume ? Set.of() : claims.claimed(kind);
        while (candidate.compareTo(last) <= 0) {
            Optional<String> got = tryTake(prefix, candidate, kind, taken, claims, owner);
            if (got.isPresent()) {
                // Resume at this address, not after it: if the registration rolls back, it is free again.
                cursors.put(kind, new Cursor(claims, releases, candidate));
                return got.get();
            }
            candidate = candidate.add(BigInteger.ONE);
            if (candidate.subtract(first).compareTo(BigInteger.valueOf(taken.size() + 1_000_000L)) > 0) {
                break;
            }
        }
        throw DomainException.conflict("no free address left in " + prefix);
    }

    /**
     * The network and broadcast addresses of an IPv4 prefix are not hosts, except in a /31 or /32
     * (RFC 3021); neither is the subnet-router anycast address (all-zero interface id) of an IPv6
     * prefix, except in a /127 or /128 (RFC 4291 section 2.6.1, RFC 6164).
     */
    private static boolean isHostAddress(IpPrefix prefix, IpAddress address) {
        if (!address.v6()) {
            return prefix.bits() >= 31 || !(address.equals(prefix.address()) || address.equals(prefix.last()));
        }
        return prefix.bits() >= 127 || !address.equals(prefix.address());
    }

    private Optional<String> tryTake(IpPrefix prefix, BigInteger number, ClaimKind kind, Set<String> taken,
                                     UniquenessRegistry claims, String owner) {
        IpAddress address = IpAddress.ofNumber(prefix.address().v6(), number);
        if (!isHostAddress(prefix, address)) {
            return Optional.empty();
        }
        if (RESERVED.stream().anyMatch(r -> r.contains(address))) {
            return Optional.empty();
        }
        String text = address.toString();
        if (taken.contains(text) || !claims.tryClaim(kind, text, owner)) {
            return Optional.empty();
        }
        return Optional.of(text);
    }
}
