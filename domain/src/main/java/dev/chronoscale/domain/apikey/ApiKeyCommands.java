package dev.chronoscale.domain.apikey;

import dev.chronoscale.domain.user.UserRole;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/** Commands on admin API keys. As with pre-auth keys, only the prefix and a hash reach the domain. */
public final class ApiKeyCommands {
    private ApiKeyCommands() {
    }

    public static String aggregateId(long keyId) {
        return "apikey:" + keyId;
    }

    /** {@code role}: the role the key's requests carry, null for full access. */
    public record CreateApiKey(long keyId, String prefix, String secretHash, Instant expiration, UserRole role) {
        public CreateApiKey(long keyId, String prefix, String secretHash, Instant expiration) {
            this(keyId, prefix, secretHash, expiration, null);
        }

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
