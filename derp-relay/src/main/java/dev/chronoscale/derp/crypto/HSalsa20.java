package dev.chronoscale.derp.crypto;

import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/**
 * HSalsa20 (Bernstein, "Extending the Salsa20 nonce"): NaCl's key derivation step. BouncyCastle only
 * exposes the Salsa20 core with its final feed-forward addition, so we subtract the input words
 * back out of the output positions HSalsa20 returns (0, 5, 10, 15, 6, 7, 8, 9).
 */
final class HSalsa20 {
    private static final int[] SIGMA = Pack.littleEndianToInt(
            "expand 32-byte k".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 4);
    private static final int[] OUTPUT_WORDS = {0, 5, 10, 15, 6, 7, 8, 9};

    private HSalsa20() {}

    /** @param key 32 bytes, @param input 16 bytes; returns 32 bytes. */
    static byte[] derive(byte[] key, byte[] input) {
        int[] state = new int[16];
        state[0] = SIGMA[0];
        state[5] = SIGMA[1];
        state[10] = SIGMA[2];
        state[15] = SIGMA[3];
        Pack.littleEndianToInt(key, 0, state, 1, 4);
        Pack.littleEndianToInt(key, 16, state, 11, 4);
        Pack.littleEndianToInt(input, 0, state, 6, 4);
        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(20, state, mixed);
        byte[] out = new byte[32];
        for (int i = 0; i < OUTPUT_WORDS.length; i++) {
            int w = OUTPUT_WORDS[i];
            Pack.intToLittleEndian(mixed[w] - state[w], out, 4 * i);
        }
        return out;
    }
}
