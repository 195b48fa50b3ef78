package dev.chronoscale.domain.preauthkey;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** What happened to pre-auth keys. Only the prefix and a hash of the key are ever recorded. */
public final class PreAuthKeyEvents {
    private PreAuthKeyEvents() {
    }

    /** Revision 2 added {@code createdAt}: set only for imported keys, when the source created the key. */
    @Revision("2")
    public record PreAuthKeyCreated(long keyId, long userId, String prefix, String secretHash, boolean reusable,
                                    boolean ephemeral, Instant expiration, List<String> aclTags,
                                    Instant createdAt) implements PreAuthKeyEvent {
        public PreAuthKeyCreated(long keyId, long userId, String prefix, String secretHash, boolean reusable,
                                 boolean ephemeral, Instant expiration, List<String> aclTags) {
            this(keyId, userId, prefix, secretHash, reusable, ephemeral, expiration, aclTags, null);
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
