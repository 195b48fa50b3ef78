package dev.chronoscale.gateway.noise;

import java.security.SecureRandom;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A Curve25519 key pair used in the Noise handshake: a static machine key or a per-handshake
 * ephemeral key. The private half never appears in {@link #toString()}.
 */
public final class NoiseKeyPair {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] privateKey;
    private final MachinePublicKey publicKey;

    private NoiseKeyPair(byte[] privateKey) {
        if (privateKey.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("a Curve25519 private key is 32 bytes");
        }
        this.privateKey = privateKey.clone();
        byte[] pub = new byte[X25519.POINT_SIZE];
        X25519.generatePublicKey(this.privateKey, 0, pub, 0);
        this.publicKey = new MachinePublicKey(pub);
    }

    /** A fresh key, clamped as Tailscale's {@code key.NewMachine} does. */
    public static NoiseKeyPair generate() {
        byte[] priv = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, priv);
        return new NoiseKeyPair(priv);
    }

    /** A key pair from its 32 raw private bytes (X25519 clamps them when used). */
    public static NoiseKeyPair fromPrivate(byte[] privateKey) {
        return new NoiseKeyPair(privateKey);
    }

    public MachinePublicKey publicKey() {
        return publicKey;
    }

    /** A copy of the raw private key; callers that persist it own the copy's secrecy. */
    public byte[] privateKeyBytes() {
        return privateKey.clone();
    }

    /**
     * X25519 with a peer's public key. An all-zero result means the peer sent a low-order point;
     * Go's {@code curve25519.X25519} refuses it, and so do we.
     */
    byte[] agree(MachinePublicKey peer) throws NoiseHandshakeException {
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, peer.bytes(), 0, shared, 0)) {
            throw new NoiseHandshakeException("low-order public key", "invalid key");
        }
        return shared;
    }

    @Override
    public String toString() {
        return "NoiseKeyPair[" + publicKey.text() + "]";
    }
}
