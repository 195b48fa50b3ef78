package dev.chronoscale.derp.crypto;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * NaCl {@code crypto_box}: X25519, HSalsa20 key derivation, XSalsa20-Poly1305 ({@code secretbox}).
 * The output of {@link #seal} is NaCl's "easy" layout, 16-byte Poly1305 tag then ciphertext, which is
 * what Go's {@code box.Seal} produces; DERP puts the 24-byte nonce in front of it.
 */
public final class NaclBox {
    public static final int NONCE_LENGTH = 24;
    public static final int TAG_LENGTH = 16;
    private static final byte[] ZERO_16 = new byte[16];
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] boxKey;

    private NaclBox(byte[] boxKey) {
        this.boxKey = boxKey;
    }

    /** NaCl's {@code crypto_box_beforenm}: the symmetric key shared by {@code ours} and {@code theirs}. */
    public static NaclBox between(NodePrivateKey ours, NodePublicKey theirs) {
        return new NaclBox(HSalsa20.derive(ours.sharedSecret(theirs), ZERO_16));
    }

    /** For the published {@code secretbox} vectors: a box keyed directly with a 32-byte key. */
    static NaclBox withKey(byte[] key) {
        return new NaclBox(key.clone());
    }

    byte[] key() {
        return boxKey.clone();
    }

    public static byte[] randomNonce() {
        byte[] nonce = new byte[NONCE_LENGTH];
        RANDOM.nextBytes(nonce);
        return nonce;
    }

    /** Returns tag ‖ ciphertext. */
    public byte[] seal(byte[] nonce, byte[] plaintext) {
        checkNonce(nonce);
        XSalsa20Engine stream = stream(nonce);
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] out = new byte[TAG_LENGTH + plaintext.length];
        stream.processBytes(plaintext, 0, plaintext.length, out, TAG_LENGTH);
        mac(macKey, out, TAG_LENGTH, plaintext.length, out, 0);
        return out;
    }

    /** Opens tag ‖ ciphertext, or throws {@link BoxException} when the tag does not verify. */
    public byte[] open(byte[] nonce, byte[] sealed) {
        checkNonce(nonce);
        if (sealed.length < TAG_LENGTH) {
            throw new BoxException("sealed box shorter than its tag");
        }
        XSalsa20Engine stream = stream(nonce);
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] expectedTag = new byte[TAG_LENGTH];
        mac(macKey, sealed, TAG_LENGTH, sealed.length - TAG_LENGTH, expectedTag, 0);
        if (!MessageDigest.isEqual(expectedTag, Arrays.copyOf(sealed, TAG_LENGTH))) {
            throw new BoxException("box authentication failed");
        }
        byte[] plaintext = new byte[sealed.length - TAG_LENGTH];
        stream.processBytes(sealed, TAG_LENGTH, plaintext.length, plaintext, 0);
        return plaintext;
    }

    private XSalsa20Engine stream(byte[] nonce) {
        XSalsa20Engine engine = new XSalsa20Engine();
        engine.init(true, new ParametersWithIV(new KeyParameter(boxKey), nonce));
        return engine;
    }

    private static void mac(byte[] key, byte[] in, int off, int len, byte[] out, int outOff) {
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(key));
        poly.update(in, off, len);
        poly.doFinal(out, outOff);
    }

    private static void checkNonce(byte[] nonce) {
        if (nonce.length != NONCE_LENGTH) {
            throw new IllegalArgumentException("NaCl box nonce must be 24 bytes");
        }
    }
}
