package dev.chronoscale.derp.stun;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * An RFC 5389 Binding Request as Tailscale sends it (48 bytes):
 *
 * <pre>
 * 0      2      4            8                20
 * 0x0001 len=20 cookie 2112a442 transaction id (12)
 * 0x8022 len=8  "tailnode"                  SOFTWARE (exactly 8 bytes, so no padding)
 * 0x8028 len=4  crc32(all before) ^ 0x5354554e   FINGERPRINT, must be the last attribute
 * </pre>
 *
 * Like Tailscale's server we answer only requests that carry SOFTWARE "tailnode" and a valid
 * FINGERPRINT, which keeps the relay from being a free STUN reflector for anything else.
 */
public record StunBindingRequest(byte[] transactionId) {
    static final int HEADER_LENGTH = 20;
    static final int MAGIC_COOKIE = 0x2112a442;
    static final int TRANSACTION_ID_LENGTH = 12;
    private static final int BINDING_REQUEST = 0x0001;
    private static final int ATTR_SOFTWARE = 0x8022;
    private static final int ATTR_FINGERPRINT = 0x8028;
    private static final int FINGERPRINT_XOR = 0x5354554e;
    private static final int FINGERPRINT_ATTR_LENGTH = 8;
    private static final byte[] SOFTWARE = "tailnode".getBytes(StandardCharsets.US_ASCII);

    public StunBindingRequest {
        if (transactionId.length != TRANSACTION_ID_LENGTH) {
            throw new IllegalArgumentException("STUN transaction id is 12 bytes");
        }
    }

    public static StunBindingRequest parse(byte[] packet) throws StunFormatException {
        if (!looksLikeStun(packet)) {
            throw new StunFormatException("not a STUN message");
        }
        ByteBuffer b = ByteBuffer.wrap(packet);
        if (b.getShort(0) != BINDING_REQUEST) {
            throw new StunFormatException("not a binding request");
        }
        byte[] txId = Arrays.copyOfRange(packet, 8, HEADER_LENGTH);
        boolean softwareOk = false;
        int lastAttr = -1;
        long fingerprint = -1;
        int pos = HEADER_LENGTH;
        while (pos < packet.length) {
            if (packet.length - pos < 4) {
                throw new StunFormatException("truncated attribute header");
            }
            int type = Short.toUnsignedInt(b.getShort(pos));
            int length = Short.toUnsignedInt(b.getShort(pos + 2));
            int padded = (length + 3) & ~3;
            pos += 4;
            if (padded > packet.length - pos) {
                throw new StunFormatException("attribute runs past the datagram");
            }
            lastAttr = type;
            if (type == ATTR_SOFTWARE && Arrays.equals(packet, pos, pos + length, SOFTWARE, 0, SOFTWARE.length)) {
                softwareOk = true;
            }
            if (type == ATTR_FINGERPRINT && length == 4) {
                fingerprint = Integer.toUnsignedLong(b.getInt(pos));
            }
            pos += padded;
        }
        if (!softwareOk) {
            throw new StunFormatException("request did not come from Tailscale software");
        }
        if (lastAttr != ATTR_FINGERPRINT) {
            throw new StunFormatException("request does not end in a fingerprint");
        }
        if (fingerprint != fingerprint(packet, packet.length - FINGERPRINT_ATTR_LENGTH)) {
            throw new StunFormatException("wrong fingerprint");
        }
        return new StunBindingRequest(txId);
    }

    /** The bytes a Tailscale client sends for this transaction. */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(HEADER_LENGTH + 4 + SOFTWARE.length + FINGERPRINT_ATTR_LENGTH);
        b.putShort((short) BINDING_REQUEST);
        b.putShort((short) (4 + SOFTWARE.length + FINGERPRINT_ATTR_LENGTH));
        b.putInt(MAGIC_COOKIE);
        b.put(transactionId);
        b.putShort((short) ATTR_SOFTWARE).putShort((short) SOFTWARE.length).put(SOFTWARE);
        int fp = (int) fingerprint(b.array(), b.position());
        b.putShort((short) ATTR_FINGERPRINT).putShort((short) 4).putInt(fp);
        return b.array();
    }

    /** At least a header, the two top bits of the type zero, and the magic cookie in place. */
    static boolean looksLikeStun(byte[] packet) {
        return packet.length >= HEADER_LENGTH && (packet[0] & 0xc0) == 0
                && ByteBuffer.wrap(packet).getInt(4) == MAGIC_COOKIE;
    }

    static long fingerprint(byte[] data, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, 0, length);
        return crc.getValue() ^ Integer.toUnsignedLong(FINGERPRINT_XOR);
    }
}
