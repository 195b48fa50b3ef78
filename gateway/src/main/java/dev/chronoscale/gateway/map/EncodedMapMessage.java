package dev.chronoscale.gateway.map;

import dev.chronoscale.gateway.mapstream.MapMessageEncoder;
import dev.chronoscale.tailcfg.MapResponse;
import dev.chronoscale.tailcfg.TailcfgJson;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;

/**
 * One map message, serialized once and compressed at most once however many streams it goes to:
 * a peer change is the same bytes for every node that sees the peer.
 */
final class EncodedMapMessage {

    private static final MapMessageEncoder ENCODER = new MapMessageEncoder();

    private final byte[] json;
    private volatile byte[] zstdFramed;
    private volatile byte[] plainFramed;

    EncodedMapMessage(MapResponse message) {
        this(TailcfgJson.write(message));
    }

    /** @param json a MapResponse already serialized */
    EncodedMapMessage(byte[] json) {
        this.json = json;
    }

    /** A buffer over the framed bytes (shared, not copied); the writer releases it as usual. */
    ByteBuf framed(boolean zstd) {
        return Unpooled.wrappedBuffer(zstd ? zstdFramed() : plainFramed());
    }

    private byte[] zstdFramed() {
        byte[] bytes = zstdFramed;
        if (bytes == null) {
            bytes = toBytes(ENCODER.encode(UnpooledByteBufAllocator.DEFAULT, json));
            zstdFramed = bytes;
        }
        return bytes;
    }

    private byte[] plainFramed() {
        byte[] bytes = plainFramed;
        if (bytes == null) {
            bytes = toBytes(ENCODER.encodeUncompressed(UnpooledByteBufAllocator.DEFAULT, json));
            plainFramed = bytes;
        }
        return bytes;
    }

    private static byte[] toBytes(ByteBuf buffer) {
        try {
            return ByteBufUtil.getBytes(buffer);
        } finally {
            buffer.release();
        }
    }
}
