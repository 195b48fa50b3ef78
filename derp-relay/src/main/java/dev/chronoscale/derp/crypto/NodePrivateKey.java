package dev.chronoscale.derp.crypto;

import java.security.SecureRandom;
import java.util.HexFormat;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A Curve25519 private key (Tailscale's {@code key.NodePrivate}): the relay's identity, or a DERP
 * client's node key. Text form {@code privkey:<hex>}, as in derper's config file.
 */
public final class NodePrivateKey {
    private static final String TEXT_PREFIX = "privkey:";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] bytes;
    private final NodePublicKey publicKey;

    private NodePrivateKey(byte[] bytes) {
        this.bytes = bytes;
        byte[] pub = new byte[NodePublicKey.LENGTH];
        X25519.scalarMultBase(bytes, 0, pub, 0);
        this.publicKey = NodePublicKey.of(pub);
    }

    public static NodePrivateKey generate() {
        byte[] raw = new byte[X25519.SCALAR_SIZE];
        X25519.generatePrivateKey(RANDOM, raw);
        return new NodePrivateKey(raw);
    }

    public static NodePrivateKey of(byte[] raw) {
        if (raw.length != X25519.SCALAR_SIZE) {
            throw new IllegalArgumentException("private key must be 32 bytes");
        }
        return new NodePrivateKey(raw.clone());
    }

    /** Accepts {@code privkey:<hex>} and bare hex. */
    public static NodePrivateKey parse(String text) {
        String hex = text.strip();
        if (hex.startsWith(TEXT_PREFIX)) {
            hex = hex.substring(TEXT_PREFIX.length());
        }
        return of(HexFormat.of().parseHex(hex));
    }

    public NodePublicKey publicKey() {
        return publicKey;
    }

    /**
     * X25519 with the peer's public key. An all-zero result means the peer sent a low-order point;
     * NaCl would happily derive a box key from it, we refuse.
     */
    byte[] sharedSecret(NodePublicKey peer) {
        byte[] out = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(bytes, 0, peer.rawBytes(), 0, out, 0)) {
            throw new BoxException("X25519 with a low-order public key");
        }
        return out;
    }

    public String toText() {
        return TEXT_PREFIX + HexFormat.of().formatHex(bytes);
    }

    @Override
    public String toString() {
        return "NodePrivateKey(public=" + publicKey + ")";
    }
}
