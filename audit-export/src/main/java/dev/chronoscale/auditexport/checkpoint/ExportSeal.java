package dev.chronoscale.auditexport.checkpoint;

import java.time.Instant;

/**
 * The signed last line of an export file: the range it holds (first position and the hash before it,
 * last position and its hash). Without it nobody could tell a file cut short from a complete one.
 * Signed message: {@code chronoscale-audit-export/1\n<first>\n<previousHash>\n<last>\n<lastHash>\n<exportedAt>}.
 */
public record ExportSeal(long firstPosition, String previousHash, long lastPosition, String lastHash,
                         Instant exportedAt, String publicKey, String signature) {

    public static String message(long firstPosition, String previousHash, long lastPosition, String lastHash, Instant exportedAt) {
        return "chronoscale-audit-export/1\n" + firstPosition + "\n" + previousHash + "\n" + lastPosition + "\n"
                + lastHash + "\n" + exportedAt;
    }

    public String message() {
        return message(firstPosition, previousHash, lastPosition, lastHash, exportedAt);
    }

    public static ExportSeal sign(long firstPosition, String previousHash, long lastPosition, String lastHash,
                                  Instant exportedAt, AuditSigningKey key) {
        return new ExportSeal(firstPosition, previousHash, lastPosition, lastHash, exportedAt, key.publicKey().base64(),
                key.sign(message(firstPosition, previousHash, lastPosition, lastHash, exportedAt)));
    }
}
