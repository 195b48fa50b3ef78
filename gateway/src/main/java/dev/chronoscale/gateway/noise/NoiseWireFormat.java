package dev.chronoscale.gateway.noise;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Byte layouts of Tailscale's control protocol messages (controlbase). Every message starts with
 * a 3-byte header, except the initiation, which is prefixed by the 2-byte protocol version.
 *
 * <pre>
 * initiation (101 bytes, client to server):
 *   +---------+----+---------+----------------+--------------------------+----------+
 *   | version | 01 | len=96  | ephemeral pub  | sealed machine pub       | tag      |
 *   |  2 BE   | 1  |  2 BE   |      32        |  32 + 16 tag             |   16     |
 *   +---------+----+---------+----------------+--------------------------+----------+
 * response (51 bytes, server to client):
 *   | 02 | len=48 (2 BE) | ephemeral pub (32) | tag (16) |
 * error (server to client, instead of a response):
 *   | 03 | len (2 BE) | UTF-8 text |
 * record (transport, both directions, at most 4096 bytes including the header):
 *   | 04 | len (2 BE) | ciphertext (plaintext + 16-byte tag) |
 * </pre>
 */
public final class NoiseWireFormat {

    /** Type, then a big-endian uint16 length of what follows. */
    public static final int HEADER_LENGTH = 3;
    public static final int TAG_LENGTH = 16;

    public static final byte TYPE_INITIATION = 0x01;
    public static final byte TYPE_RESPONSE = 0x02;
    /** Errors in this message type are unauthenticated: a hint for humans, never a decision input. */
    public static final byte TYPE_ERROR = 0x03;
    public static final byte TYPE_RECORD = 0x04;

    public static final int INITIATION_LENGTH = 2 + HEADER_LENGTH + 32 + 32 + TAG_LENGTH + TAG_LENGTH;
    public static final int INITIATION_PAYLOAD_LENGTH = INITIATION_LENGTH - 2 - HEADER_LENGTH;
    public static final int RESPONSE_LENGTH = HEADER_LENGTH + 32 + TAG_LENGTH;
    public static final int RESPONSE_PAYLOAD_LENGTH = RESPONSE_LENGTH - HEADER_LENGTH;

    /** The largest record on the wire, header included. Readers refuse anything longer. */
    public static final int MAX_RECORD_LENGTH = 4096;
    public static final int MAX_CIPHERTEXT_LENGTH = MAX_RECORD_LENGTH - HEADER_LENGTH;
    /** Writers cut the plaintext stream into pieces of at most this many bytes. */
    public static final int MAX_PLAINTEXT_LENGTH = MAX_CIPHERTEXT_LENGTH - TAG_LENGTH;
    /** Error text must fit the 16-bit length field. */
    public static final int MAX_ERROR_TEXT_LENGTH = 0xFFFF;

    private NoiseWireFormat() {
    }

    /** The client's first handshake message: {@code -> e, es, s, ss}. */
    public record Initiation(int protocolVersion, byte[] ephemeralPublic, byte[] sealedMachineKey, byte[] tag) {

        public Initiation {
            if (protocolVersion < 0 || protocolVersion > 0xFFFF) {
                throw new IllegalArgumentException("protocol version is a uint16");
            }
            ephemeralPublic = exact(ephemeralPublic, 32, "ephemeral public key");
            sealedMachineKey = exact(sealedMachineKey, 32 + TAG_LENGTH, "sealed machine key");
            tag = exact(tag, TAG_LENGTH, "tag");
        }

        /** Checks the size, type and length field as Tailscale's server does, in that order. */
        public static Initiation parse(byte[] message) throws NoiseHandshakeException {
            if (message.length != INITIATION_LENGTH) {
                throw new NoiseHandshakeException("initiation of " + message.length + " bytes",
                        "wrong handshake initiation size");
            }
            ByteBuffer in = ByteBuffer.wrap(message);
            int version = Short.toUnsignedInt(in.getShort());
            if (in.get() != TYPE_INITIATION) {
                throw new NoiseHandshakeException("not an initiation", "unexpected handshake message type");
            }
            if (Short.toUnsignedInt(in.getShort()) != INITIATION_PAYLOAD_LENGTH) {
                throw new NoiseHandshakeException("bad initiation length field", "wrong handshake initiation length");
            }
            return new Initiation(version, take(in, 32), take(in, 32 + TAG_LENGTH), take(in, TAG_LENGTH));
        }

        public byte[] toBytes() {
            return ByteBuffer.allocate(INITIATION_LENGTH)
                    .putShort((short) protocolVersion)
                    .put(TYPE_INITIATION)
                    .putShort((short) INITIATION_PAYLOAD_LENGTH)
                    .put(ephemeralPublic).put(sealedMachineKey).put(tag)
                    .array();
        }

        @Override
        public byte[] ephemeralPublic() {
            return ephemeralPublic.clone();
        }

        @Override
        public byte[] sealedMachineKey() {
            return sealedMachineKey.clone();
        }

        @Override
        public byte[] tag() {
            return tag.clone();
        }
    }

    /** The server's handshake answer: {@code <- e, ee, se}. */
    public record Response(byte[] ephemeralPublic, byte[] tag) {

        public Response {
            ephemeralPublic = exact(ephemeralPublic, 32, "ephemeral public key");
            tag = exact(tag, TAG_LENGTH, "tag");
        }

        /** Parses the 51 bytes after the header has been seen to say type 2. */
        public static Response parse(byte[] message) throws NoiseHandshakeException {
            if (message.length != RESPONSE_LENGTH) {
                throw new NoiseHandshakeException("response of " + message.length + " bytes", "wrong response size");
            }
            ByteBuffer in = ByteBuffer.wrap(message);
            if (in.get() != TYPE_RESPONSE) {
                throw new NoiseHandshakeException("not a response", "unexpected response message type");
            }
            if (Short.toUnsignedInt(in.getShort()) != RESPONSE_PAYLOAD_LENGTH) {
                throw new NoiseHandshakeException("bad response length field", "wrong response length");
            }
            return new Response(take(in, 32), take(in, TAG_LENGTH));
        }

        public byte[] toBytes() {
            return ByteBuffer.allocate(RESPONSE_LENGTH)
                    .put(TYPE_RESPONSE)
                    .putShort((short) RESPONSE_PAYLOAD_LENGTH)
                    .put(ephemeralPublic).put(tag)
                    .array();
        }

        @Override
        public byte[] ephemeralPublic() {
            return ephemeralPublic.clone();
        }

        @Override
        public byte[] tag() {
            return tag.clone();
        }
    }

    /** A refusal the server sends instead of a response; the client shows the text and gives up. */
    public record HandshakeError(String text) {

        public byte[] toBytes() {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int length = Math.min(utf8.length, MAX_ERROR_TEXT_LENGTH);
            return ByteBuffer.allocate(HEADER_LENGTH + length)
                    .put(TYPE_ERROR)
                    .putShort((short) length)
                    .put(utf8, 0, length)
                    .array();
        }
    }

    private static byte[] exact(byte[] value, int length, String what) {
        if (value.length != length) {
            throw new IllegalArgumentException(what + " must be " + length + " bytes");
        }
        return value.clone();
    }

    private static byte[] take(ByteBuffer in, int length) {
        byte[] out = new byte[length];
        in.get(out);
        return out;
    }
}
