package dev.chronoscale.domain.preauthkey;

import org.axonframework.serialization.Revision;

import java.time.Instant;
import java.util.List;

/** What happened to pre-auth keys. Only the prefix and a hash of the key are ever recorded. */
public final class PreAuthKeyEvents {
    private PreAuthKeyEvents() {
    }

    @Revision("1")
    public record PreAuthKeyCreated(long keyId, long userId, String prefix, String secretHash, boolean reusable,
                                    boolean ephemeral, Instant expiration, List<String> aclTags) implements PreAuthKeyEvent {
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
