package dev.chronoscale.domain.apikey;

import java.time.Instant;

/** What happened to admin API keys. */
public final class ApiKeyEvents {
    private ApiKeyEvents() {
    }

    public record ApiKeyCreated(long keyId, String prefix, String secretHash, Instant expiration) {
    }

    public record ApiKeyExpired(long keyId, Instant at) {
    }

    public record ApiKeyDeleted(long keyId, String prefix) {
    }
}
