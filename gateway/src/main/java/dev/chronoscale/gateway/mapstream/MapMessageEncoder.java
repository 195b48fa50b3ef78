package dev.chronoscale.gateway.mapstream;

import com.github.luben.zstd.Zstd;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Frames one {@code MapResponse} for the body of a {@code /machine/map} response: a 4-byte
 * <em>little-endian</em> length, then that many bytes, which are one complete zstd frame of the
 * JSON when the request asked for {@code Compress: "zstd"} (current clients always do).
 * Write each framed message as its own flushed HTTP content so the client sees it at once.
 */
public final class MapMessageEncoder {

    /** Tailscale's servers use zstd's fastest setting; map responses are compressed once per peer. */
    public static final int DEFAULT_ZSTD_LEVEL = 1;

    private final int zstdLevel;

    public MapMessageEncoder() {
        this(DEFAULT_ZSTD_LEVEL);
    }

    public MapMessageEncoder(int zstdLevel) {
        this.zstdLevel = zstdLevel;
    }

    /** Length prefix and zstd frame of {@code json}. */
    public ByteBuf encode(ByteBufAllocator alloc, byte[] json) {
        return frame(alloc, Zstd.compress(json, zstdLevel));
    }

    /** Length prefix and the raw JSON, for the rare request without {@code Compress}. */
    public ByteBuf encodeUncompressed(ByteBufAllocator alloc, byte[] json) {
        return frame(alloc, json);
    }

    private static ByteBuf frame(ByteBufAllocator alloc, byte[] payload) {
        return alloc.buffer(4 + payload.length).writeIntLE(payload.length).writeBytes(payload);
    }
}
