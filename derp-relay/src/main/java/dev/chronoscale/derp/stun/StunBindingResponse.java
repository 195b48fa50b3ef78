package dev.chronoscale.derp.stun;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A Binding Success Response with a single XOR-MAPPED-ADDRESS, as Tailscale's server sends it (no SOFTWARE,
 * no FINGERPRINT):
 *
 * <pre>
 * 0x0101 len=8+addr cookie transaction id
 * 0x0020 len=4+addr 0x00 family(1 v4 | 2 v6) port^0x2112 address^(cookie ‖ transaction id)
 * </pre>
 *
 * IPv4-mapped IPv6 sources are encoded as IPv4 (family 1): clients compare them with their v4 endpoints.
 */
public record StunBindingResponse(byte[] transactionId, InetSocketAddress mappedAddress) {
    private static final int BINDING_SUCCESS = 0x0101;
    private static final int ATTR_XOR_MAPPED_ADDRESS = 0x0020;
    private static final int ATTR_XOR_MAPPED_ADDRESS_ALT = 0x8020;

    public byte[] encode() {
        byte[] ip = unmapped(mappedAddress.getAddress()).getAddress();
        int family = ip.length == 4 ? 1 : 2;
        ByteBuffer b = ByteBuffer.allocate(StunBindingRequest.HEADER_LENGTH + 8 + ip.length);
        b.putShort((short) BINDING_SUCCESS);
        b.putShort((short) (8 + ip.length));
        b.putInt(StunBindingRequest.MAGIC_COOKIE);
        b.put(transactionId);
        b.putShort((short) ATTR_XOR_MAPPED_ADDRESS);
        b.putShort((short) (4 + ip.length));
        b.put((byte) 0).put((byte) family);
        b.putShort((short) (mappedAddress.getPort() ^ (StunBindingRequest.MAGIC_COOKIE >>> 16)));
        byte[] xorKey = xorKey(transactionId);
        for (int i = 0; i < ip.length; i++) {
            b.put((byte) (ip[i] ^ xorKey[i]));
        }
        return b.array();
    }

    /** For clients (the benchmark and tests): reads the XOR-MAPPED-ADDRESS back. */
    public static StunBindingResponse parse(byte[] packet) throws StunFormatException {
        if (!StunBindingRequest.looksLikeStun(packet)) {
            throw new StunFormatException("not a STUN message");
        }
        ByteBuffer b = ByteBuffer.wrap(packet);
        if (b.getShort(0) != BINDING_SUCCESS) {
            throw new StunFormatException("not a binding success response");
        }
        byte[] txId = Arrays.copyOfRange(packet, 8, StunBindingRequest.HEADER_LENGTH);
        int end = Math.min(packet.length, StunBindingRequest.HEADER_LENGTH + Short.toUnsignedInt(b.getShort(2)));
        int pos = StunBindingRequest.HEADER_LENGTH;
        while (end - pos >= 4) {
            int type = Short.toUnsignedInt(b.getShort(pos));
            int length = Short.toUnsignedInt(b.getShort(pos + 2));
            pos += 4;
            if (length > end - pos) {
                throw new StunFormatException("attribute runs past the message");
            }
            if ((type == ATTR_XOR_MAPPED_ADDRESS || type == ATTR_XOR_MAPPED_ADDRESS_ALT) && length >= 8) {
                int family = packet[pos + 1];
                int addrLength = family == 1 ? 4 : family == 2 ? 16 : -1;
                if (addrLength < 0 || length < 4 + addrLength) {
                    throw new StunFormatException("bad XOR-MAPPED-ADDRESS");
                }
                int port = Short.toUnsignedInt(b.getShort(pos + 2)) ^ (StunBindingRequest.MAGIC_COOKIE >>> 16);
                byte[] ip = new byte[addrLength];
                byte[] xorKey = xorKey(txId);
                for (int i = 0; i < addrLength; i++) {
                    ip[i] = (byte) (packet[pos + 4 + i] ^ xorKey[i]);
                }
                try {
                    return new StunBindingResponse(txId, new InetSocketAddress(InetAddress.getByAddress(ip), port));
                } catch (UnknownHostException e) {
                    throw new StunFormatException(e.getMessage());
                }
            }
            pos += (length + 3) & ~3;
        }
        throw new StunFormatException("no XOR-MAPPED-ADDRESS");
    }

    private static byte[] xorKey(byte[] transactionId) {
        byte[] key = new byte[16];
        ByteBuffer.wrap(key).putInt(StunBindingRequest.MAGIC_COOKIE);
        System.arraycopy(transactionId, 0, key, 4, 12);
        return key;
    }

    private static InetAddress unmapped(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] a = v6.getAddress();
            boolean mapped = true;
            for (int i = 0; i < 10; i++) {
                mapped &= a[i] == 0;
            }
            if (mapped && a[10] == (byte) 0xff && a[11] == (byte) 0xff) {
                try {
                    return Inet4Address.getByAddress(Arrays.copyOfRange(a, 12, 16));
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return address;
    }
}
