package dev.chronoscale.domain.uniqueness;

import dev.chronoscale.domain.DomainException;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InMemoryUniquenessRegistryTest {

    private final InMemoryUniquenessRegistry registry = new InMemoryUniquenessRegistry();

    @Test
    void claimRecordsTheOwner() {
        registry.claim(ClaimKind.USER_NAME, "alice", "user:1");
        assertThat(registry.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
        assertThat(registry.owner(ClaimKind.USER_NAME, "bob")).isEmpty();
    }

    @Test
    void claimingAgainForTheSameOwnerIsHarmless() {
        registry.claim(ClaimKind.USER_NAME, "alice", "user:1");
        registry.claim(ClaimKind.USER_NAME, "alice", "user:1");
        assertThat(registry.tryClaim(ClaimKind.USER_NAME, "alice", "user:1")).isTrue();
        assertThat(registry.claimed(ClaimKind.USER_NAME)).containsExactly("alice");
    }

    @Test
    void anotherOwnerCannotClaimAHeldValue() {
        registry.claim(ClaimKind.NODE_NAME, "laptop", "node:1");

        assertThatThrownBy(() -> registry.claim(ClaimKind.NODE_NAME, "laptop", "node:2"))
                .isInstanceOfSatisfying(ValueTakenException.class,
                        e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.CONFLICT))
                .hasMessage("node name 'laptop' is already in use");
        assertThat(registry.tryClaim(ClaimKind.NODE_NAME, "laptop", "node:2")).isFalse();
        assertThat(registry.owner(ClaimKind.NODE_NAME, "laptop")).contains("node:1");
    }

    @Test
    void kindsAreSeparateNamespaces() {
        registry.claim(ClaimKind.USER_NAME, "alice", "user:1");
        assertThat(registry.tryClaim(ClaimKind.NODE_NAME, "alice", "node:1")).isTrue();
        assertThat(registry.owner(ClaimKind.USER_NAME, "alice")).contains("user:1");
        assertThat(registry.owner(ClaimKind.NODE_NAME, "alice")).contains("node:1");
        assertThat(registry.claimed(ClaimKind.IPV4)).isEmpty();
    }

    @Test
    void onlyTheOwnerCanRelease() {
        registry.claim(ClaimKind.IPV4, "100.64.0.1", "node:1");

        registry.release(ClaimKind.IPV4, "100.64.0.1", "node:2");
        assertThat(registry.owner(ClaimKind.IPV4, "100.64.0.1")).contains("node:1");

        registry.release(ClaimKind.IPV4, "100.64.0.1", "node:1");
        assertThat(registry.owner(ClaimKind.IPV4, "100.64.0.1")).isEmpty();
        assertThat(registry.tryClaim(ClaimKind.IPV4, "100.64.0.1", "node:2")).isTrue();
    }

    @Test
    void releasingSomethingNeverClaimedIsHarmless() {
        registry.release(ClaimKind.API_KEY_PREFIX, "cs_x", "apikey:1");
        assertThat(registry.claimed(ClaimKind.API_KEY_PREFIX)).isEmpty();
    }

    @Test
    void claimedIsASnapshot() {
        registry.claim(ClaimKind.IPV6, "fd7a:115c:a1e0::1", "node:1");
        Set<String> before = registry.claimed(ClaimKind.IPV6);

        registry.claim(ClaimKind.IPV6, "fd7a:115c:a1e0::2", "node:2");

        assertThat(before).containsExactly("fd7a:115c:a1e0::1");
        assertThat(registry.claimed(ClaimKind.IPV6)).containsExactlyInAnyOrder("fd7a:115c:a1e0::1", "fd7a:115c:a1e0::2");
        assertThatThrownBy(() -> before.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void everyKindHasAReadableDescription() {
        for (ClaimKind kind : ClaimKind.values()) {
            assertThat(new ValueTakenException(kind, "v").getMessage())
                    .endsWith(" 'v' is already in use")
                    .doesNotContain(kind.name());
        }
    }
}
