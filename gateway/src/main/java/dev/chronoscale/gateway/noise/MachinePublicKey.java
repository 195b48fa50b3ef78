package dev.chronoscale.gateway.noise;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A Curve25519 public key in the role Tailscale calls a machine key: the static Noise key of a
 * client, or of the control server. Its text form is {@code mkey:} and 64 lowercase hex digits.
 */
public record MachinePublicKey(byte[] bytes) {

    public static final int LENGTH = 32;
    static final String TEXT_PREFIX = "mkey:";

    public MachinePublicKey {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a machine key is 32 bytes, not " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /** The all-zero key; Tailscale clients read it as "absent". */
    public static MachinePublicKey zero() {
        return new MachinePublicKey(new byte[LENGTH]);
    }

    /** Parses {@code mkey:<64 hex>}; upper-case hex is accepted, as Tailscale's parser does. */
    public static MachinePublicKey parse(String text) {
        if (!text.startsWith(TEXT_PREFIX) || text.length() != TEXT_PREFIX.length() + 2 * LENGTH) {
            throw new IllegalArgumentException("not a machine public key: expected mkey: and 64 hex digits");
        }
        return new MachinePublicKey(HexFormat.of().parseHex(text.substring(TEXT_PREFIX.length())));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String text() {
        return TEXT_PREFIX + HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MachinePublicKey key && Arrays.equals(bytes, key.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return text();
    }
}
