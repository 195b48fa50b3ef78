package dev.chronoscale.domain.preauthkey;

import java.time.Instant;
import java.util.List;

/** What happened to pre-auth keys. Only the prefix and a hash of the key are ever recorded. */
public final class PreAuthKeyEvents {
    private PreAuthKeyEvents() {
    }

    public record PreAuthKeyCreated(long keyId, long userId, String prefix, String secretHash, boolean reusable,
                                    boolean ephemeral, Instant expiration, List<String> aclTags) {
    }

    public record PreAuthKeyUsed(long keyId, long nodeId, Instant at) {
    }

    public record PreAuthKeyExpired(long keyId, Instant at) {
    }

    public record PreAuthKeyDeleted(long keyId) {
    }
}
