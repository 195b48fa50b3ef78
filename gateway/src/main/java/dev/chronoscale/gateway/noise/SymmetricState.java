package dev.chronoscale.gateway.noise;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.digests.Blake2sDigest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Noise's SymmetricState for Noise_IK_25519_ChaChaPoly_BLAKE2s: the running handshake hash
 * {@code h} and chaining key {@code ck}. As in Tailscale's controlbase, MixKey hands back the
 * derived cipher key, which is used exactly once with the all-zero nonce.
 */
final class SymmetricState {

    static final String PROTOCOL_NAME = "Noise_IK_25519_ChaChaPoly_BLAKE2s";
    private static final int HASH_LENGTH = 32;

    private byte[] h;
    private byte[] ck;
    private boolean split;

    SymmetricState() {
        // The protocol name is longer than the hash, so it is hashed rather than padded.
        h = blake2s(PROTOCOL_NAME.getBytes(StandardCharsets.US_ASCII));
        ck = h.clone();
    }

    void mixHash(byte[] data) {
        checkUsable();
        h = blake2s(h, data);
    }

    /** MixKey(X25519(local, remote)): replaces {@code ck} and returns the one-use cipher key. */
    byte[] mixDh(NoiseKeyPair local, MachinePublicKey remote) throws NoiseHandshakeException {
        checkUsable();
        byte[][] out = hkdf(ck, local.agree(remote));
        ck = out[0];
        return out[1];
    }

    byte[] encryptAndHash(byte[] key, byte[] plaintext) {
        checkUsable();
        ChaCha20Poly1305 aead = oneUseAead(true, key);
        byte[] ciphertext = new byte[aead.getOutputSize(plaintext.length)];
        try {
            aead.doFinal(ciphertext, aead.processBytes(plaintext, 0, plaintext.length, ciphertext, 0));
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail", e);
        }
        mixHash(ciphertext);
        return ciphertext;
    }

    byte[] decryptAndHash(byte[] key, byte[] ciphertext) throws NoiseHandshakeException {
        checkUsable();
        ChaCha20Poly1305 aead = oneUseAead(false, key);
        byte[] plaintext = new byte[Math.max(0, ciphertext.length - NoiseWireFormat.TAG_LENGTH)];
        try {
            aead.doFinal(plaintext, aead.processBytes(ciphertext, 0, ciphertext.length, plaintext, 0));
        } catch (InvalidCipherTextException | IllegalStateException e) {
            throw new NoiseHandshakeException("handshake message failed authentication", "handshake failed");
        }
        mixHash(ciphertext);
        return plaintext;
    }

    byte[] handshakeHash() {
        return h.clone();
    }

    /** Split(): first key is client-to-server, second server-to-client. The state is spent after. */
    byte[][] split() {
        checkUsable();
        split = true;
        return hkdf(ck, new byte[0]);
    }

    private void checkUsable() {
        if (split) {
            throw new IllegalStateException("symmetric state used after Split");
        }
    }

    /** Each key MixKey derives is used once, so the nonce is always zero; the AD is the running hash. */
    private ChaCha20Poly1305 oneUseAead(boolean encrypt, byte[] key) {
        ChaCha20Poly1305 aead = new ChaCha20Poly1305();
        aead.init(encrypt, new AEADParameters(new KeyParameter(key), 128, new byte[12], h));
        return aead;
    }

    static byte[] blake2s(byte[]... parts) {
        Blake2sDigest digest = new Blake2sDigest(256);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        digest.doFinal(out, 0);
        return out;
    }

    /** RFC 5869 HKDF with HMAC-BLAKE2s, salt = chaining key, empty info, two 32-byte outputs. */
    static byte[][] hkdf(byte[] chainingKey, byte[] inputKeyMaterial) {
        byte[] prk = hmac(chainingKey, inputKeyMaterial);
        byte[] first = hmac(prk, new byte[] {1});
        byte[] second = hmac(prk, first, new byte[] {2});
        return new byte[][] {first, second};
    }

    private static byte[] hmac(byte[] key, byte[]... parts) {
        HMac mac = new HMac(new Blake2sDigest(256));
        mac.init(new KeyParameter(key));
        for (byte[] part : parts) {
            mac.update(part, 0, part.length);
        }
        byte[] out = new byte[HASH_LENGTH];
        mac.doFinal(out, 0);
        return out;
    }
}
