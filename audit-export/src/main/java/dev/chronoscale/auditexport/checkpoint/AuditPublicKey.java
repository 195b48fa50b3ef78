package dev.chronoscale.auditexport.checkpoint;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key, written as the base64 of its 32 raw bytes (RFC 8032), which is what
 * {@code chronoscale audit public-key} prints and what export files carry.
 */
public final class AuditPublicKey {

    /** DER prefix of an X.509 SubjectPublicKeyInfo holding an Ed25519 key (OID 1.3.101.112). */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final PublicKey key;
    private final String base64;

    private AuditPublicKey(PublicKey key, String base64) {
        this.key = key;
        this.base64 = base64;
    }

    static AuditPublicKey of(PublicKey key) {
        byte[] der = key.getEncoded();
        byte[] raw = Arrays.copyOfRange(der, der.length - 32, der.length);
        return new AuditPublicKey(key, Base64.getEncoder().encodeToString(raw));
    }

    /** Parses the base64 of the raw 32 bytes; throws IllegalArgumentException for anything else. */
    public static AuditPublicKey parse(String base64) {
        byte[] raw = Base64.getDecoder().decode(base64.trim());
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] der = new byte[X509_PREFIX.length + 32];
        System.arraycopy(X509_PREFIX, 0, der, 0, X509_PREFIX.length);
        System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
        try {
            return new AuditPublicKey(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)),
                    Base64.getEncoder().encodeToString(raw));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    public String base64() {
        return base64;
    }

    /** PEM (X.509 SubjectPublicKeyInfo), for tools such as openssl. */
    public String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getEncoder().encodeToString(key.getEncoded()) + "\n-----END PUBLIC KEY-----\n";
    }

    public boolean verifies(String message, String signatureBase64) {
        try {
            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(key);
            verifier.update(message.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(signatureBase64));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditPublicKey k && k.base64.equals(base64);
    }

    @Override
    public int hashCode() {
        return base64.hashCode();
    }

    @Override
    public String toString() {
        return base64;
    }
}
