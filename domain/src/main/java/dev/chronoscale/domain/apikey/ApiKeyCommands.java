package dev.chronoscale.domain.apikey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands on admin API keys. As with pre-auth keys, only the prefix and a hash reach the domain. */
public final class ApiKeyCommands {
    private ApiKeyCommands() {
    }

    public static String aggregateId(long keyId) {
        return "apikey:" + keyId;
    }

    public record CreateApiKey(long keyId, String prefix, String secretHash, Instant expiration) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeyCommands.aggregateId(keyId);
        }
    }

    /** A key carried over from another server's database, with its hash as the source stored it. */
    public record ImportApiKey(long keyId, String prefix, String secretHash, Instant expiration, Instant createdAt) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeyCommands.aggregateId(keyId);
        }
    }

    public record ExpireApiKey(long keyId, Instant now) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeyCommands.aggregateId(keyId);
        }
    }

    public record DeleteApiKey(long keyId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return ApiKeyCommands.aggregateId(keyId);
        }
    }
}
