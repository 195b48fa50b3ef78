package dev.chronoscale.domain.preauthkey;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** What happened to pre-auth keys. Only the prefix and a hash of the key are ever recorded. */
public final class PreAuthKeyEvents {
    private PreAuthKeyEvents() {
    }

    /**
     * Revision 2: {@code userId} may be null, for a key with tags and no user (Headscale 0.28's tag-only keys), and
     * {@code createdAt}, set only for imported keys, is when the source created the key; the stored JSON of revision 1
     * (a user always, no creation time) reads the same. Revision 3 added {@code preApproved}: the nodes the key
     * registers need no device approval; true or null (a key that approves nothing, and every older event).
     */
    @Revision("3")
    public record PreAuthKeyCreated(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                    boolean ephemeral, Instant expiration, List<String> aclTags,
                                    Instant createdAt, Boolean preApproved) implements PreAuthKeyEvent {

        public PreAuthKeyCreated(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                 boolean ephemeral, Instant expiration, List<String> aclTags) {
            this(keyId, userId, prefix, secretHash, reusable, ephemeral, expiration, aclTags, null, null);
        }

        public PreAuthKeyCreated(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                 boolean ephemeral, Instant expiration, List<String> aclTags, Instant createdAt) {
            this(keyId, userId, prefix, secretHash, reusable, ephemeral, expiration, aclTags, createdAt, null);
        }

        /** Whether nodes registered with the key are approved at once. */
        public boolean approvesNodes() {
            return Boolean.TRUE.equals(preApproved);
        }

        /** The owner; empty for a tag-only key, whose nodes are owned by their tags. */
        public java.util.Optional<Long> owner() {
            return java.util.Optional.ofNullable(userId);
        }
    }

    @Revision("1")
    public record PreAuthKeyUsed(long keyId, long nodeId, Instant at) implements PreAuthKeyEvent {
    }

    @Revision("1")
    public record PreAuthKeyExpired(long keyId, Instant at) implements PreAuthKeyEvent {
    }

    @Revision("1")
    public record PreAuthKeyDeleted(long keyId) implements PreAuthKeyEvent {
    }
}
