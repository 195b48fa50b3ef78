package dev.chronoscale.domain.preauthkey;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;
import java.util.List;

/**
 * Commands on pre-auth keys. The secret never reaches the domain: the caller generates the key,
 * shows it once and sends only its prefix and hash.
 */
public final class PreAuthKeyCommands {
    private PreAuthKeyCommands() {
    }

    public static String aggregateId(long keyId) {
        return "preauthkey:" + keyId;
    }

    /**
     * {@code userId} is null for a tag-only key, which must then carry tags. A {@code preApproved} key's nodes need no
     * device approval.
     */
    public record CreatePreAuthKey(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                   boolean ephemeral, Instant expiration, List<String> aclTags, boolean preApproved) {
        public CreatePreAuthKey(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                boolean ephemeral, Instant expiration, List<String> aclTags) {
            this(keyId, userId, prefix, secretHash, reusable, ephemeral, expiration, aclTags, false);
        }

        @TargetAggregateIdentifier
        public String aggregateId() {
            return PreAuthKeyCommands.aggregateId(keyId);
        }
    }

    /**
     * A key carried over from another server's database: its hash as the source stored it (or as computed from the
     * source's plain text), its state, and when the source created it. {@code usedByNode} is the node that used it,
     * null when unused; an expiration in the past is kept, so the key stays refused.
     */
    public record ImportPreAuthKey(long keyId, Long userId, String prefix, String secretHash, boolean reusable,
                                   boolean ephemeral, Instant expiration, List<String> aclTags, Instant createdAt,
                                   Long usedByNode) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return PreAuthKeyCommands.aggregateId(keyId);
        }
    }

    /** Consumes the key for a registration at {@code now}; refused when expired or already used. */
    public record UsePreAuthKey(long keyId, long nodeId, Instant now) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return PreAuthKeyCommands.aggregateId(keyId);
        }
    }

    public record ExpirePreAuthKey(long keyId, Instant now) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return PreAuthKeyCommands.aggregateId(keyId);
        }
    }

    public record DeletePreAuthKey(long keyId) {
        @TargetAggregateIdentifier
        public String aggregateId() {
            return PreAuthKeyCommands.aggregateId(keyId);
        }
    }
}
