package dev.chronoscale.domain.uniqueness;

import java.util.Optional;
import java.util.Set;

/**
 * Set-based validation across aggregates: a claim on (kind, value) held by one owner, written in the
 * same transaction as the events of the command that takes or releases it. Two commands racing for
 * one value cannot both commit.
 */
public interface UniquenessRegistry {

    /** Claims the value for the owner; throws {@link ValueTakenException} when another owner holds it. */
    void claim(ClaimKind kind, String value, String owner);

    /** Claims the value when it is free; true when this owner now holds it. */
    boolean tryClaim(ClaimKind kind, String value, String owner);

    /** Releases the value if this owner holds it. */
    void release(ClaimKind kind, String value, String owner);

    Optional<String> owner(ClaimKind kind, String value);

    /** Every value of this kind that is currently claimed. */
    Set<String> claimed(ClaimKind kind);

    /**
     * How many releases of this kind this registry object has made: when the count moves, values that a
     * caller saw taken may be free again. Releases made by other processes are not counted.
     */
    long releaseCount(ClaimKind kind);
}
