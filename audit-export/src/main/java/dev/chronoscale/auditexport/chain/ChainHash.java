package dev.chronoscale.auditexport.chain;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.auditexport.schema.CanonicalJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The link of the chain: {@code hash = hex(SHA-256(previousHash + "\n" + canonical(record)))}, where
 * {@code previousHash} is the lower-case hex hash of the record before (64 zeros for the first record)
 * and {@code canonical} is {@link CanonicalJson}. Everything hashed is UTF-8.
 */
public final class ChainHash {

    /** The previous hash of the first record of the trail. */
    public static final String GENESIS = "0".repeat(64);

    private ChainHash() {
    }

    public static String of(String previousHash, JsonNode record) {
        return sha256(previousHash + "\n" + CanonicalJson.write(record));
    }

    public static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JDK", e);
        }
    }
}
