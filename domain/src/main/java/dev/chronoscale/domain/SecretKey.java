package dev.chronoscale.domain;

import org.bouncycastle.crypto.DataLengthException;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headscale's key format: {@code hskey-<kind>-<12-char prefix>-<64-char secret>}, URL-safe characters.
 * The prefix identifies the key and may be shown; the secret is stored only as a SHA-256 hash (it is
 * 384 random bits, so a slow hash would add nothing but latency).
 *
 * <p>Keys imported from Headscale keep working as they did there ({@link #parsePresented}): its bcrypt hashes
 * are checked as bcrypt, an API key of before 0.28 has the shape {@code <7-char prefix>.<secret>}, and a pre-auth
 * key of before 0.28 is 48 hex digits that Headscale stored in plain text, imported as the hash of all but its
 * first 12 digits, which are its prefix.
 */
public record SecretKey(String marker, String prefix, String separator, String secret) {

    static final int PREFIX_LENGTH = 12;
    static final int SECRET_LENGTH = 64;
    public static final String PREAUTH_MARKER = "hskey-auth-";
    public static final String API_MARKER = "hskey-api-";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Pattern LEGACY_API = Pattern.compile("([A-Za-z0-9_-]{7})\\.([A-Za-z0-9_-]{16,128})");
    private static final Pattern LEGACY_PREAUTH = Pattern.compile("([0-9a-f]{12})([0-9a-f]{36})");
    /** bcrypt checks cost tens of milliseconds; a stored hash already matched by a secret is remembered by its SHA-256. */
    private static final Map<String, String> BCRYPT_MATCHED = new ConcurrentHashMap<>();
    private static final int BCRYPT_REMEMBERED = 1024;

    public static SecretKey generate(String marker) {
        return new SecretKey(marker, randomText(PREFIX_LENGTH), "-", randomText(SECRET_LENGTH));
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
        return Optional.of(new SecretKey(marker, rest.substring(0, PREFIX_LENGTH), "-", rest.substring(PREFIX_LENGTH + 1)));
    }

    /** A key as a client or script presents it: of the current shape, or of a shape Headscale used before 0.28. */
    public static Optional<SecretKey> parsePresented(String marker, String text) {
        Optional<SecretKey> current = parse(marker, text);
        if (current.isPresent() || text == null) {
            return current;
        }
        Matcher legacy = (marker.equals(API_MARKER) ? LEGACY_API : LEGACY_PREAUTH).matcher(text);
        if (!legacy.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SecretKey("", legacy.group(1), marker.equals(API_MARKER) ? "." : "", legacy.group(2)));
    }

    /** A pre-auth key Headscale stored in plain text (before 0.28), as it is imported; empty when not of that shape. */
    public static Optional<SecretKey> legacyPreAuthKey(String plainText) {
        return plainText != null && LEGACY_PREAUTH.matcher(plainText).matches()
                ? parsePresented(PREAUTH_MARKER, plainText) : Optional.empty();
    }

    public String text() {
        return marker + prefix + separator + secret;
    }

    /** The prefix in a key as a list shows it ({@link #masked}) or as its bare prefix; the text otherwise. */
    public static String shownPrefix(String marker, String shown) {
        return shown.replaceFirst("^" + marker, "").replaceFirst("-\\*\\*\\*$", "");
    }

    /**
     * How a key is shown after creation: its prefix and a mask. A key imported from Headscale before 0.28 is shown by
     * its bare prefix, as Headscale showed it (only API keys have a prefix of another length there).
     */
    public static String masked(String marker, String prefix) {
        if (prefix.length() != PREFIX_LENGTH) {
            return prefix;
        }
        return marker + prefix + "-***";
    }

    public String secretHash() {
        return hash(secret);
    }

    /** Whether this key's secret is the one {@code storedHash} was made from: our SHA-256, or Headscale's bcrypt. */
    public boolean matches(String storedHash) {
        byte[] ours = hash(secret).getBytes(StandardCharsets.US_ASCII);
        if (!storedHash.startsWith("$2")) {
            return MessageDigest.isEqual(ours, storedHash.getBytes(StandardCharsets.US_ASCII));
        }
        String remembered = BCRYPT_MATCHED.get(storedHash);
        if (remembered != null) {
            return MessageDigest.isEqual(ours, remembered.getBytes(StandardCharsets.US_ASCII));
        }
        boolean matched;
        try {
            matched = OpenBSDBCrypt.checkPassword(storedHash, secret.getBytes(StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | DataLengthException e) {
            return false;
        }
        if (matched) {
            if (BCRYPT_MATCHED.size() >= BCRYPT_REMEMBERED) {
                BCRYPT_MATCHED.clear();
            }
            BCRYPT_MATCHED.put(storedHash, hash(secret));
        }
        return matched;
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
