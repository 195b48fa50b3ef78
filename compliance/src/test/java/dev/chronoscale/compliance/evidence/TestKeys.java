package dev.chronoscale.compliance.evidence;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Ed25519 with the JDK, as the server signs reports: a {@link ReportSigner} whose public key is the base64 of its 32 raw
 * bytes and whose signatures are base64, and the {@link SignatureCheck} that verifies them.
 */
public final class TestKeys implements ReportSigner {

    /** The X.509 SubjectPublicKeyInfo of an Ed25519 key is this prefix and the 32 raw bytes. */
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /** One key for a whole test run, so that two writes of a report can be compared byte for byte. */
    public static final TestKeys SIGNER = generate();

    /** Verifies with the JDK; a key that is not 32 base64 bytes is an {@link IllegalArgumentException}. */
    public static final SignatureCheck CHECK = TestKeys::verifies;

    private final KeyPair pair;
    private final String publicKey;

    private TestKeys(KeyPair pair) {
        this.pair = pair;
        byte[] encoded = pair.getPublic().getEncoded();
        this.publicKey = Base64.getEncoder().encodeToString(Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
    }

    public static TestKeys generate() {
        try {
            return new TestKeys(KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no Ed25519", e);
        }
    }

    public static ReportVerifier verifier() {
        return new ReportVerifier(CHECK);
    }

    @Override
    public String publicKey() {
        return publicKey;
    }

    @Override
    public String sign(String message) {
        try {
            Signature signature = Signature.getInstance("Ed25519");
            signature.initSign(pair.getPrivate());
            signature.update(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public static boolean verifies(String publicKey, String message, String signature) {
        byte[] raw = Base64.getDecoder().decode(publicKey);
        if (raw.length != 32) {
            throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, not " + raw.length);
        }
        byte[] x509 = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + raw.length);
        System.arraycopy(raw, 0, x509, X509_PREFIX.length, raw.length);
        try {
            PublicKey key = KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(x509));
            Signature check = Signature.getInstance("Ed25519");
            check.initVerify(key);
            check.update(message.getBytes(StandardCharsets.UTF_8));
            return check.verify(Base64.getDecoder().decode(signature));
        } catch (SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an Ed25519 public key: " + publicKey, e);
        }
    }
}
