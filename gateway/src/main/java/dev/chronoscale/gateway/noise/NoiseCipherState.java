package dev.chronoscale.gateway.noise;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * One direction of the transport: ChaCha20-Poly1305 with no associated data and a per-record
 * counter. Unlike the Noise spec (little-endian), Tailscale puts the counter in the last 8 bytes
 * of the nonce <em>big-endian</em>; both only agree for record 0. Not thread-safe: one per
 * direction, used from the channel's event loop.
 */
public final class NoiseCipherState {

    /** Counter value that may never be used; reaching it means the connection must end. */
    private static final long INVALID_COUNTER = -1L;
    private static final int NONCE_LENGTH = 12;

    private final KeyParameter key;
    private final ChaCha20Poly1305 aead = new ChaCha20Poly1305();
    private final byte[] nonce = new byte[NONCE_LENGTH];
    private long counter;

    NoiseCipherState(byte[] key) {
        this.key = new KeyParameter(key.clone());
    }

    /** Encrypts {@code length} bytes of {@code plaintext} into {@code out} at {@code outOffset}; returns bytes written. */
    public int seal(byte[] plaintext, int offset, int length, byte[] out, int outOffset) throws NoiseRecordException {
        init(true);
        int n = aead.processBytes(plaintext, offset, length, out, outOffset);
        try {
            return n + aead.doFinal(out, outOffset + n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("sealing cannot fail", e);
        }
    }

    /** Decrypts and authenticates a ciphertext (with its tag); returns the plaintext length. */
    public int open(byte[] ciphertext, int offset, int length, byte[] out, int outOffset) throws NoiseRecordException {
        if (length < NoiseWireFormat.TAG_LENGTH) {
            throw new NoiseRecordException("record shorter than its tag");
        }
        init(false);
        int n = aead.processBytes(ciphertext, offset, length, out, outOffset);
        try {
            return n + aead.doFinal(out, outOffset + n);
        } catch (InvalidCipherTextException e) {
            throw new NoiseRecordException("record failed authentication");
        }
    }

    public byte[] seal(byte[] plaintext) throws NoiseRecordException {
        byte[] out = new byte[plaintext.length + NoiseWireFormat.TAG_LENGTH];
        seal(plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    public byte[] open(byte[] ciphertext) throws NoiseRecordException {
        byte[] out = new byte[Math.max(0, ciphertext.length - NoiseWireFormat.TAG_LENGTH)];
        open(ciphertext, 0, ciphertext.length, out, 0);
        return out;
    }

    /** Records sealed or opened so far in this direction. */
    public long counter() {
        return counter;
    }

    private void init(boolean encrypt) throws NoiseRecordException {
        if (counter == INVALID_COUNTER) {
            throw new NoiseRecordException("nonce space exhausted");
        }
        long c = counter++;
        for (int i = 0; i < 8; i++) {
            nonce[NONCE_LENGTH - 1 - i] = (byte) (c >>> (8 * i));
        }
        aead.init(encrypt, new AEADParameters(key, 128, nonce.clone()));
    }
}
