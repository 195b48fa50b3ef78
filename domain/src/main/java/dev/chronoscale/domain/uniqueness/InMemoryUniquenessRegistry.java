package dev.chronoscale.domain.uniqueness;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A registry for aggregate tests and tools that run without a database. Not transactional. */
public final class InMemoryUniquenessRegistry implements UniquenessRegistry {

    private final Map<ClaimKind, Map<String, String>> claims = new EnumMap<>(ClaimKind.class);
    private final Map<ClaimKind, Long> releases = new EnumMap<>(ClaimKind.class);

    @Override
    public synchronized void claim(ClaimKind kind, String value, String owner) {
        if (!tryClaim(kind, value, owner)) {
            throw new ValueTakenException(kind, value);
        }
    }

    @Override
    public synchronized boolean tryClaim(ClaimKind kind, String value, String owner) {
        String holder = of(kind).putIfAbsent(value, owner);
        return holder == null || holder.equals(owner);
    }

    @Override
    public synchronized long releaseCount(ClaimKind kind) {
        return releases.getOrDefault(kind, 0L);
    }

    @Override
    public synchronized void release(ClaimKind kind, String value, String owner) {
        releases.merge(kind, 1L, Long::sum);
        of(kind).remove(value, owner);
    }

    @Override
    public synchronized Optional<String> owner(ClaimKind kind, String value) {
        return Optional.ofNullable(of(kind).get(value));
    }

    @Override
    public synchronized Set<String> claimed(ClaimKind kind) {
        return Set.copyOf(of(kind).keySet());
    }

    private Map<String, String> of(ClaimKind kind) {
        return claims.computeIfAbsent(kind, k -> new HashMap<>());
    }
}
