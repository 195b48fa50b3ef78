package dev.chronoscale.auditexport.checkpoint;

import java.time.Instant;

/**
 * A signed statement "the chain's hash at {@code position} is {@code hash}". The signed message is
 * {@link #message()}: {@code chronoscale-audit-checkpoint/1\n<position>\n<hash>\n<signedAt ISO-8601>}.
 */
public record Checkpoint(long position, String hash, Instant signedAt, String publicKey, String signature) {

    public static String message(long position, String hash, Instant signedAt) {
        return "chronoscale-audit-checkpoint/1\n" + position + "\n" + hash + "\n" + signedAt;
    }

    public String message() {
        return message(position, hash, signedAt);
    }

    /** Signs at millisecond precision, the precision the checkpoint table keeps. */
    public static Checkpoint sign(long position, String hash, Instant now, AuditSigningKey key) {
        Instant signedAt = now.truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        return new Checkpoint(position, hash, signedAt, key.publicKey().base64(), key.sign(message(position, hash, signedAt)));
    }
}
