package dev.chronoscale.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Headscale's key format: {@code hskey-<kind>-<12-char prefix>-<64-char secret>}, URL-safe characters.
 * The prefix identifies the key and may be shown; the secret is stored only as a SHA-256 hash (it is
 * 384 random bits, so a slow hash would add nothing but latency).
 */
public record SecretKey(String marker, String prefix, String secret) {

    static final int PREFIX_LENGTH = 12;
    static final int SECRET_LENGTH = 64;
    public static final String PREAUTH_MARKER = "hskey-auth-";
    public static final String API_MARKER = "hskey-api-";
    private static final SecureRandom RANDOM = new SecureRandom();

    public static SecretKey generate(String marker) {
        return new SecretKey(marker, randomText(PREFIX_LENGTH), randomText(SECRET_LENGTH));
    }

    /** Splits a presented key; empty when it does not have the shape of a key of this kind. */
    public static Optional<SecretKey> parse(String marker, String text) {
        if (text == null || !text.startsWith(marker)) {
            return Optional.empty();
        }
        String rest = text.substring(marker.length());
        if (rest.length() != PREFIX_LENGTH + 1 + SECRET_LENGTH || rest.charAt(PREFIX_LENGTH) != '-'
                || !rest.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128 || c == '-' || c == '_')) {
            return Optional.empty();
        }
        return Optional.of(new SecretKey(marker, rest.substring(0, PREFIX_LENGTH), rest.substring(PREFIX_LENGTH + 1)));
    }

    public String text() {
        return marker + prefix + "-" + secret;
    }

    /** How a key is shown after creation: its prefix and a mask. */
    public static String masked(String marker, String prefix) {
        return marker + prefix + "-***";
    }

    public String secretHash() {
        return hash(secret);
    }

    public boolean matches(String storedHash) {
        return MessageDigest.isEqual(hash(secret).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    private static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String randomText(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).substring(0, length);
    }

    @Override
    public String toString() {
        return masked(marker, prefix);
    }
}
