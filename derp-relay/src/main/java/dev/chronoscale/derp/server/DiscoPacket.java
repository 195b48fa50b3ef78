package dev.chronoscale.derp.server;

/**
 * Recognises Tailscale disco messages (NAT traversal pings, call-me-maybe) among opaque packets:
 * magic {@code "TS💬"} (6 bytes), 32-byte sender disco key, 24-byte nonce, sealed body. The relay queues
 * them separately so bulk WireGuard data cannot crowd them out.
 */
final class DiscoPacket {
    private static final byte[] MAGIC = {0x54, 0x53, (byte) 0xf0, (byte) 0x9f, (byte) 0x92, (byte) 0xac};
    private static final int HEADER_LENGTH = MAGIC.length + 32 + 24;

    private DiscoPacket() {}

    static boolean looksLikeDisco(byte[] packet) {
        if (packet.length < HEADER_LENGTH) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (packet[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }
}
