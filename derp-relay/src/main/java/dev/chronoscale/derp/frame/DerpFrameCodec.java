package dev.chronoscale.derp.frame;

import dev.chronoscale.derp.crypto.NaclBox;
import dev.chronoscale.derp.crypto.NodePublicKey;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageCodec;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The DERP wire layout: {@code type(1) ‖ payload length(4, big-endian) ‖ payload}, and each frame type's
 * payload layout:
 *
 * <pre>
 * ServerKey      8B magic "DERP🔑" ‖ 32B server key ‖ (future bytes, ignored)
 * ClientInfo     32B client key ‖ 24B nonce ‖ box(JSON)          box = 16B Poly1305 tag ‖ ciphertext
 * ServerInfo     24B nonce ‖ box(JSON)
 * SendPacket     32B destination key ‖ packet (≤ 64 KiB)
 * RecvPacket     32B source key ‖ packet
 * KeepAlive      (empty)
 * NotePreferred  1B: 0x01 home, 0x00 not
 * PeerGone       32B key ‖ 1B reason (older servers: key only)
 * PeerPresent    32B key ‖ 16B IPv6 or v4-mapped IP ‖ 2B port ‖ 1B flags (older servers: shorter)
 * ForwardPacket  32B source ‖ 32B destination ‖ packet
 * WatchConns     (empty)
 * ClosePeer      32B key
 * Ping / Pong    8B data (a ping may carry up to 1000 bytes; extra bytes are ignored)
 * Health         UTF-8 text
 * Restarting     4B reconnect-in ms ‖ 4B try-for ms
 * </pre>
 *
 * Any violation raises {@link MalformedFrameException}, which the connection handlers treat as fatal for
 * that connection alone. Unknown types are skipped.
 */
public final class DerpFrameCodec extends ByteToMessageCodec<DerpFrame> {
    public static final int HEADER_LENGTH = 5;
    public static final int MAX_PACKET_SIZE = 64 << 10;
    /** Largest frame of any type accepted: {@code derp.MaxInfoLen}. */
    public static final int MAX_FRAME_LENGTH = 1 << 20;
    /** The server accepts at most this much sealed ClientInfo from a not yet trusted client. */
    public static final int MAX_CLIENT_INFO_LENGTH = 256 << 10;
    private static final int MAX_PING_LENGTH = 1000;
    private static final int PEER_PRESENT_LENGTH = NodePublicKey.LENGTH + 16 + 2 + 1;

    @Override
    protected void encode(ChannelHandlerContext ctx, DerpFrame frame, ByteBuf out) {
        write(frame, out);
    }

    /** Encodes into a buffer of exactly the frame's size (the default encoder path grows a 256-byte one). */
    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof DerpFrame frame) {
            ByteBuf buf = ctx.alloc().ioBuffer(HEADER_LENGTH + payloadLength(frame));
            try {
                write(frame, buf);
            } catch (RuntimeException e) {
                buf.release();
                promise.setFailure(e);
                return;
            }
            ctx.write(buf, promise);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        DerpFrame frame;
        while ((frame = read(in)) != null) {
            out.add(frame);
        }
    }

    /** Reads one whole frame, or returns null (reader index unchanged) if it has not fully arrived. */
    public static DerpFrame read(ByteBuf in) {
        if (in.readableBytes() < HEADER_LENGTH) {
            return null;
        }
        int start = in.readerIndex();
        int type = in.getUnsignedByte(start);
        long length = in.getUnsignedInt(start + 1);
        if (length > MAX_FRAME_LENGTH) {
            throw new MalformedFrameException("frame of type 0x%02x claims %d bytes, limit %d"
                    .formatted(type, length, MAX_FRAME_LENGTH));
        }
        if (in.readableBytes() < HEADER_LENGTH + length) {
            return null;
        }
        in.skipBytes(HEADER_LENGTH);
        ByteBuf payload = in.readSlice((int) length);
        return parsePayload(type, payload);
    }

    static DerpFrame parsePayload(int type, ByteBuf p) {
        int len = p.readableBytes();
        return switch (type) {
            case FrameType.SERVER_KEY -> {
                require(len >= ServerKey.MAGIC.length + NodePublicKey.LENGTH, len <= 1024, type, len);
                byte[] magic = new byte[ServerKey.MAGIC.length];
                p.readBytes(magic);
                if (!java.util.Arrays.equals(magic, ServerKey.MAGIC)) {
                    throw new MalformedFrameException("ServerKey frame without the DERP magic");
                }
                yield new ServerKey(NodePublicKey.read(p));
            }
            case FrameType.CLIENT_INFO -> {
                require(len >= NodePublicKey.LENGTH + NaclBox.NONCE_LENGTH + NaclBox.TAG_LENGTH,
                        len <= MAX_CLIENT_INFO_LENGTH, type, len);
                yield new ClientInfoFrame(NodePublicKey.read(p), bytes(p, NaclBox.NONCE_LENGTH), rest(p));
            }
            case FrameType.SERVER_INFO -> {
                require(len >= NaclBox.NONCE_LENGTH + NaclBox.TAG_LENGTH, true, type, len);
                yield new ServerInfoFrame(bytes(p, NaclBox.NONCE_LENGTH), rest(p));
            }
            case FrameType.SEND_PACKET -> {
                require(len >= NodePublicKey.LENGTH, len - NodePublicKey.LENGTH <= MAX_PACKET_SIZE, type, len);
                yield new SendPacket(NodePublicKey.read(p), rest(p));
            }
            case FrameType.RECV_PACKET -> {
                require(len >= NodePublicKey.LENGTH, len - NodePublicKey.LENGTH <= MAX_PACKET_SIZE, type, len);
                yield new RecvPacket(NodePublicKey.read(p), rest(p));
            }
            case FrameType.FORWARD_PACKET -> {
                require(len >= 2 * NodePublicKey.LENGTH, len - 2 * NodePublicKey.LENGTH <= MAX_PACKET_SIZE, type, len);
                yield new ForwardPacket(NodePublicKey.read(p), NodePublicKey.read(p), rest(p));
            }
            case FrameType.KEEP_ALIVE -> new KeepAlive();
            case FrameType.NOTE_PREFERRED -> {
                require(len == 1, true, type, len);
                yield new NotePreferred(p.readByte() != 0);
            }
            case FrameType.PEER_GONE -> {
                require(len >= NodePublicKey.LENGTH, true, type, len);
                NodePublicKey peer = NodePublicKey.read(p);
                yield new PeerGone(peer, p.isReadable()
                        ? PeerGoneReason.fromCode(p.readUnsignedByte()) : PeerGoneReason.DISCONNECTED);
            }
            case FrameType.PEER_PRESENT -> {
                require(len >= NodePublicKey.LENGTH, true, type, len);
                NodePublicKey peer = NodePublicKey.read(p);
                InetAddress address = address(new byte[16]);
                int port = 0;
                int flags = 0;
                if (p.readableBytes() >= 18) {
                    address = address(bytes(p, 16));
                    port = p.readUnsignedShort();
                }
                if (p.isReadable()) {
                    flags = p.readUnsignedByte();
                }
                yield new PeerPresent(peer, address, port, flags);
            }
            case FrameType.WATCH_CONNS -> {
                require(len == 0, true, type, len);
                yield new WatchConns();
            }
            case FrameType.CLOSE_PEER -> {
                require(len == NodePublicKey.LENGTH, true, type, len);
                yield new ClosePeer(NodePublicKey.read(p));
            }
            case FrameType.PING -> {
                require(len >= Ping.DATA_LENGTH, len <= MAX_PING_LENGTH, type, len);
                yield new Ping(bytes(p, Ping.DATA_LENGTH));
            }
            case FrameType.PONG -> {
                require(len >= Ping.DATA_LENGTH, len <= MAX_PING_LENGTH, type, len);
                yield new Pong(bytes(p, Ping.DATA_LENGTH));
            }
            case FrameType.HEALTH -> new Health(p.toString(StandardCharsets.UTF_8));
            case FrameType.RESTARTING -> {
                require(len >= 8, true, type, len);
                yield new Restarting(p.readUnsignedInt(), p.readUnsignedInt());
            }
            default -> new UnknownFrame(type, len);
        };
    }

    /** Writes header and payload. */
    public static void write(DerpFrame frame, ByteBuf out) {
        out.writeByte(frame.type());
        out.writeInt(payloadLength(frame));
        switch (frame) {
            case ServerKey f -> {
                out.writeBytes(ServerKey.MAGIC);
                f.serverKey().writeTo(out);
            }
            case ClientInfoFrame f -> {
                f.clientKey().writeTo(out);
                out.writeBytes(f.nonce()).writeBytes(f.sealedInfo());
            }
            case ServerInfoFrame f -> out.writeBytes(f.nonce()).writeBytes(f.sealedInfo());
            case SendPacket f -> {
                f.destination().writeTo(out);
                out.writeBytes(f.packet());
            }
            case RecvPacket f -> {
                f.source().writeTo(out);
                out.writeBytes(f.packet());
            }
            case ForwardPacket f -> {
                f.source().writeTo(out);
                f.destination().writeTo(out);
                out.writeBytes(f.packet());
            }
            case KeepAlive f -> { }
            case WatchConns f -> { }
            case NotePreferred f -> out.writeByte(f.preferred() ? 1 : 0);
            case PeerGone f -> {
                f.peer().writeTo(out);
                out.writeByte(f.reason().code());
            }
            case PeerPresent f -> {
                f.peer().writeTo(out);
                out.writeBytes(sixteenByteAddress(f.address()));
                out.writeShort(f.port());
                out.writeByte(f.flags());
            }
            case ClosePeer f -> f.peer().writeTo(out);
            case Ping f -> out.writeBytes(f.data());
            case Pong f -> out.writeBytes(f.data());
            case Health f -> out.writeBytes(f.problem().getBytes(StandardCharsets.UTF_8));
            case Restarting f -> {
                out.writeInt((int) f.reconnectInMillis());
                out.writeInt((int) f.tryForMillis());
            }
            case UnknownFrame f -> throw new IllegalArgumentException("cannot encode an unknown frame");
        }
    }

    public static int payloadLength(DerpFrame frame) {
        return switch (frame) {
            case ServerKey f -> ServerKey.MAGIC.length + NodePublicKey.LENGTH;
            case ClientInfoFrame f -> NodePublicKey.LENGTH + f.nonce().length + f.sealedInfo().length;
            case ServerInfoFrame f -> f.nonce().length + f.sealedInfo().length;
            case SendPacket f -> NodePublicKey.LENGTH + f.packet().length;
            case RecvPacket f -> NodePublicKey.LENGTH + f.packet().length;
            case ForwardPacket f -> 2 * NodePublicKey.LENGTH + f.packet().length;
            case KeepAlive f -> 0;
            case WatchConns f -> 0;
            case NotePreferred f -> 1;
            case PeerGone f -> NodePublicKey.LENGTH + 1;
            case PeerPresent f -> PEER_PRESENT_LENGTH;
            case ClosePeer f -> NodePublicKey.LENGTH;
            case Ping f -> Ping.DATA_LENGTH;
            case Pong f -> Ping.DATA_LENGTH;
            case Health f -> f.problem().getBytes(StandardCharsets.UTF_8).length;
            case Restarting f -> 8;
            case UnknownFrame f -> f.length();
        };
    }

    private static void require(boolean atLeast, boolean atMost, int type, int len) {
        if (!atLeast || !atMost) {
            throw new MalformedFrameException("frame of type 0x%02x has invalid length %d".formatted(type, len));
        }
    }

    private static byte[] bytes(ByteBuf p, int n) {
        byte[] b = new byte[n];
        p.readBytes(b);
        return b;
    }

    private static byte[] rest(ByteBuf p) {
        return bytes(p, p.readableBytes());
    }

    private static InetAddress address(byte[] sixteen) {
        try {
            // Returns an Inet4Address for v4-mapped input, which is what callers want to see.
            return InetAddress.getByAddress(sixteen);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] sixteenByteAddress(InetAddress address) {
        byte[] raw = address.getAddress();
        if (raw.length == 16) {
            return raw;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(raw, 0, mapped, 12, 4);
        return mapped;
    }
}
