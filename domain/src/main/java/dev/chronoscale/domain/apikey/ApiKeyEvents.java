package dev.chronoscale.domain.apikey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What happened to admin API keys. */
public final class ApiKeyEvents {
    private ApiKeyEvents() {
    }

    /**
     * Revision 2 added {@code createdAt}: set only for imported keys, when the source created the key. Revision 3
     * added {@code role}: the one role the key's requests carry ({@code network-admin}, {@code auditor}, ...), null
     * for a key with full access, as every key before it.
     */
    @Revision("3")
    public record ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration,
                                Instant createdAt, String role) implements ApiKeyEvent {
        public ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration) {
            this(keyId, prefix, secretHash, expiration, null, null);
        }

        public ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration, Instant createdAt) {
            this(keyId, prefix, secretHash, expiration, createdAt, null);
        }
    }

    @Revision("1")
    public record ApiKeyExpired(long keyId, Instant at) implements ApiKeyEvent {
    }

    @Revision("1")
    public record ApiKeyDeleted(long keyId, String prefix) implements ApiKeyEvent {
    }
}
