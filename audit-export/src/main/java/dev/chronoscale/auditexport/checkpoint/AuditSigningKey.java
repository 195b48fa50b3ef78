package dev.chronoscale.auditexport.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;

/**
 * The server's Ed25519 audit key (JDK provider). Kept in one file of the data dir, mode 0600: the
 * PKCS#8 private key and the X.509 public key, each as a PEM block. Created on first use.
 */
public final class AuditSigningKey {

    private static final String PRIVATE_BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String PRIVATE_END = "-----END PRIVATE KEY-----";
    private static final String PUBLIC_BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String PUBLIC_END = "-----END PUBLIC KEY-----";

    private final PrivateKey privateKey;
    private final AuditPublicKey publicKey;

    private AuditSigningKey(PrivateKey privateKey, PublicKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = AuditPublicKey.of(publicKey);
    }

    public static AuditSigningKey loadOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return load(file);
            }
            KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Files.createDirectories(file.toAbsolutePath().getParent());
            String text = pem(PRIVATE_BEGIN, pair.getPrivate().getEncoded(), PRIVATE_END)
                    + pem(PUBLIC_BEGIN, pair.getPublic().getEncoded(), PUBLIC_END);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, text, StandardOpenOption.TRUNCATE_EXISTING);
            return new AuditSigningKey(pair.getPrivate(), pair.getPublic());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the audit key " + file, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    private static AuditSigningKey load(Path file) throws IOException, GeneralSecurityException {
        String text = Files.readString(file);
        KeyFactory factory = KeyFactory.getInstance("Ed25519");
        PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(block(text, PRIVATE_BEGIN, PRIVATE_END, file)));
        PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(block(text, PUBLIC_BEGIN, PUBLIC_END, file)));
        return new AuditSigningKey(privateKey, publicKey);
    }

    public AuditPublicKey publicKey() {
        return publicKey;
    }

    /** Base64 of the Ed25519 signature of {@code message}. */
    public String sign(String message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(privateKey);
            signer.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with the audit key", e);
        }
    }

    private static String pem(String begin, byte[] der, String end) {
        return begin + "\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der) + "\n" + end + "\n";
    }

    private static byte[] block(String text, String begin, String end, Path file) {
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException("audit key file " + file + " lacks a " + begin + " block");
        }
        String body = text.substring(from + begin.length(), to);
        return Base64.getMimeDecoder().decode(String.join("", List.of(body.split("\\s+"))));
    }
}
