package dev.chronoscale.domain.apikey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What happened to admin API keys. */
public final class ApiKeyEvents {
    private ApiKeyEvents() {
    }

    /** Revision 2 added {@code createdAt}: set only for imported keys, when the source created the key. */
    @Revision("2")
    public record ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration,
                                Instant createdAt) implements ApiKeyEvent {
        public ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration) {
            this(keyId, prefix, secretHash, expiration, null);
        }
    }

    @Revision("1")
    public record ApiKeyExpired(long keyId, Instant at) implements ApiKeyEvent {
    }

    @Revision("1")
    public record ApiKeyDeleted(long keyId, String prefix) implements ApiKeyEvent {
    }
}
