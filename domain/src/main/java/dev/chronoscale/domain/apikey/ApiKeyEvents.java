package dev.chronoscale.domain.apikey;

import org.axonframework.serialization.Revision;

import java.time.Instant;

/** What happened to admin API keys. */
public final class ApiKeyEvents {
    private ApiKeyEvents() {
    }

    @Revision("1")
    public record ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration) implements ApiKeyEvent {
    }

    @Revision("1")
    public record ApiKeyExpired(long keyId, Instant at) implements ApiKeyEvent {
    }

    @Revision("1")
    public record ApiKeyDeleted(long keyId, String prefix) implements ApiKeyEvent {
    }
}
