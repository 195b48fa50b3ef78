package dev.chronoscale.gateway.mapstream;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;
import com.github.luben.zstd.ZstdInputStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a map-stream body the way a client does: feed it bytes as they arrive (any chunking),
 * get back each complete message's decompressed JSON. Used by tests and the protocol client.
 * Not thread-safe; one per stream.
 */
public final class MapMessageReader {

    /** Tailscale's newer map client refuses frames above 4 MiB; be as strict by default. */
    public static final int DEFAULT_MAX_MESSAGE_LENGTH = 4 << 20;

    private final boolean zstd;
    private final int maxMessageLength;
    /** Above this, an emptied buffer is let go rather than kept at the size of the largest message seen. */
    private static final int RETAINED_CAPACITY = 64 << 10;

    private ByteBuf pending = Unpooled.buffer();

    public MapMessageReader() {
        this(true, DEFAULT_MAX_MESSAGE_LENGTH);
    }

    /**
     * @param zstd             whether messages are zstd frames (the request said {@code Compress: "zstd"})
     * @param maxMessageLength largest accepted message, compressed and decompressed alike
     */
    public MapMessageReader(boolean zstd, int maxMessageLength) {
        this.zstd = zstd;
        this.maxMessageLength = maxMessageLength;
    }

    /** Consumes {@code bytes} (not released) and returns the messages completed by them. */
    public List<byte[]> feed(ByteBuf bytes) throws MapStreamException {
        pending.writeBytes(bytes, bytes.readerIndex(), bytes.readableBytes());
        List<byte[]> messages = new ArrayList<>();
        while (pending.readableBytes() >= 4) {
            long length = pending.getUnsignedIntLE(pending.readerIndex());
            if (length > maxMessageLength) {
                throw new MapStreamException("map message of " + length + " bytes exceeds " + maxMessageLength);
            }
            if (pending.readableBytes() < 4 + length) {
                break;
            }
            byte[] payload = new byte[(int) length];
            pending.skipBytes(4).readBytes(payload);
            messages.add(zstd ? decompress(payload) : payload);
        }
        if (pending.readableBytes() == 0 && pending.capacity() > RETAINED_CAPACITY) {
            // A client holding thousands of streams would otherwise keep a complete map's worth for each.
            pending.release();
            pending = Unpooled.buffer();
        } else {
            pending.discardReadBytes();
        }
        return messages;
    }

    /** Bytes of an incomplete message still waiting for the rest. */
    public int pendingBytes() {
        return pending.readableBytes();
    }

    /**
     * One-shot when the frame states its size (ours and Tailscale's do): a streaming decoder allocates
     * and clears large buffers per message, which dominates a client holding thousands of streams.
     */
    private byte[] decompress(byte[] frame) throws MapStreamException {
        long size = Zstd.getFrameContentSize(frame);
        if (size > maxMessageLength) {
            throw new MapStreamException("decompressed map message exceeds " + maxMessageLength + " bytes");
        }
        if (size >= 0) {
            try {
                return Zstd.decompress(frame, (int) size);
            } catch (ZstdException e) {
                throw new MapStreamException("map message is not a valid zstd frame", e);
            }
        }
        return decompressStreaming(frame);
    }

    private byte[] decompressStreaming(byte[] frame) throws MapStreamException {
        try (InputStream in = new ZstdInputStream(new ByteArrayInputStream(frame))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length * 4);
            byte[] chunk = new byte[16 * 1024];
            for (int n; (n = in.read(chunk)) >= 0; ) {
                out.write(chunk, 0, n);
                if (out.size() > maxMessageLength) {
                    throw new MapStreamException("decompressed map message exceeds " + maxMessageLength + " bytes");
                }
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new MapStreamException("map message is not a valid zstd frame", e);
        }
    }
}
