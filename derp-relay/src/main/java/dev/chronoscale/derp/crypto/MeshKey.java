package dev.chronoscale.derp.crypto;

import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * The pre-shared key that lets relays of one region trust each other (Tailscale's {@code key.DERPMesh}).
 * It travels inside the sealed ClientInfo as 64 hex characters under {@code meshKey}.
 */
public final class MeshKey {
    private final byte[] bytes;

    private MeshKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** 64 hex characters, optionally surrounded by white space (as read from a PSK file). */
    public static MeshKey parse(String text) {
        String hex = text.strip();
        if (hex.length() != 64) {
            throw new IllegalArgumentException("mesh key needs 64 hex characters");
        }
        return new MeshKey(HexFormat.of().parseHex(hex));
    }

    public String toHex() {
        return HexFormat.of().formatHex(bytes);
    }

    /** Constant-time comparison: the key is a credential. */
    public boolean matches(MeshKey other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "MeshKey(redacted)";
    }
}
