package dev.chronoscale.gateway.noise;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.Set;

/**
 * The control server's static Noise key, kept in a file in the text form Headscale uses for its
 * {@code noise_private_key_path}: {@code privkey:} and 64 lowercase hex digits. The file is
 * created 0600 on first start and read on every start after.
 */
public final class ServerNoiseKey {

    static final String PRIVATE_TEXT_PREFIX = "privkey:";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final NoiseKeyPair keyPair;

    private ServerNoiseKey(NoiseKeyPair keyPair) {
        this.keyPair = keyPair;
    }

    /** Reads the key at {@code file}, or creates a new one there (owner read/write only). */
    public static ServerNoiseKey loadOrCreate(Path file) throws IOException {
        if (Files.exists(file)) {
            return new ServerNoiseKey(parsePrivateText(Files.readString(file, StandardCharsets.US_ASCII), file));
        }
        NoiseKeyPair created = NoiseKeyPair.generate();
        writeOwnerOnly(file, privateText(created));
        return new ServerNoiseKey(created);
    }

    /** A new key in the file's text form, for {@code generate private-key}. */
    public static String newPrivateText() {
        return privateText(NoiseKeyPair.generate());
    }

    /** Checks the key file's text form, as a start would read it. */
    public static void check(Path file) throws IOException {
        parsePrivateText(Files.readString(file, StandardCharsets.US_ASCII), file);
    }

    /** A key that lives only in memory (tests, throwaway servers). */
    public static ServerNoiseKey of(NoiseKeyPair keyPair) {
        return new ServerNoiseKey(keyPair);
    }

    public NoiseKeyPair keyPair() {
        return keyPair;
    }

    public MachinePublicKey publicKey() {
        return keyPair.publicKey();
    }

    /** {@code mkey:<hex>}, as {@code /key} publishes it. */
    public String publicKeyText() {
        return keyPair.publicKey().text();
    }

    static String privateText(NoiseKeyPair keyPair) {
        return PRIVATE_TEXT_PREFIX + HexFormat.of().formatHex(keyPair.privateKeyBytes());
    }

    private static NoiseKeyPair parsePrivateText(String content, Path file) throws IOException {
        String text = content.strip();
        if (!text.startsWith(PRIVATE_TEXT_PREFIX) || text.length() != PRIVATE_TEXT_PREFIX.length() + 64) {
            throw new IOException(file + " does not hold a Noise private key (expected privkey: and 64 hex digits)");
        }
        try {
            return NoiseKeyPair.fromPrivate(HexFormat.of().parseHex(text.substring(PRIVATE_TEXT_PREFIX.length())));
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a Noise private key: " + e.getMessage(), e);
        }
    }

    /** Writes to a 0600 temporary file first, so the key is never readable by others, even briefly. */
    private static void writeOwnerOnly(Path file, String text) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
        FileAttribute<?>[] attrs = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                : new FileAttribute<?>[0];
        Path temp = Files.createTempFile(dir, ".noise-key", ".tmp", attrs);
        try {
            Files.writeString(temp, text, StandardCharsets.US_ASCII);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    @Override
    public String toString() {
        return "ServerNoiseKey[" + publicKeyText() + "]";
    }
}
