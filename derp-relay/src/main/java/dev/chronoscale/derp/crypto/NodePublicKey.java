package dev.chronoscale.derp.crypto;

import io.netty.buffer.ByteBuf;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Curve25519 public key naming a node (Tailscale's {@code key.NodePublic}). DERP frames carry it as
 * 32 raw bytes; it is the address a relay routes packets by, so it is used as a map key on the hot path.
 */
public final class NodePublicKey {
    public static final int LENGTH = 32;
    private static final String TEXT_PREFIX = "nodekey:";

    private final byte[] bytes;
    private final int hash;

    private NodePublicKey(byte[] bytes) {
        this.bytes = bytes;
        this.hash = Arrays.hashCode(bytes);
    }

    public static NodePublicKey of(byte[] raw) {
        if (raw.length != LENGTH) {
            throw new IllegalArgumentException("node public key must be 32 bytes, got " + raw.length);
        }
        return new NodePublicKey(raw.clone());
    }

    /** Reads 32 bytes at the reader index and advances it. */
    public static NodePublicKey read(ByteBuf buf) {
        byte[] raw = new byte[LENGTH];
        buf.readBytes(raw);
        return new NodePublicKey(raw);
    }

    /** Accepts both {@code nodekey:<hex>} and bare 64-character hex. */
    public static NodePublicKey parse(String text) {
        String hex = text.startsWith(TEXT_PREFIX) ? text.substring(TEXT_PREFIX.length()) : text;
        if (hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("node public key needs 64 hex characters: " + text);
        }
        return new NodePublicKey(HexFormat.of().parseHex(hex));
    }

    public byte[] toBytes() {
        return bytes.clone();
    }

    public void writeTo(ByteBuf buf) {
        buf.writeBytes(bytes);
    }

    /** Raw bytes without copying, for this package's crypto only. */
    byte[] rawBytes() {
        return bytes;
    }

    /** 64 hex characters, as in the {@code Derp-Public-Key} header. */
    public String untypedHex() {
        return HexFormat.of().formatHex(bytes);
    }

    public String shortString() {
        return "[" + untypedHex().substring(0, 8) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodePublicKey other && hash == other.hash && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    /** Tailscale's text form, {@code nodekey:<hex>}. */
    @Override
    public String toString() {
        return TEXT_PREFIX + untypedHex();
    }
}
