package dev.chronoscale.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A snapshot's state as stored: zstd-compressed JSON of {@link HistoryState}. A question reads only its part
 * ({@link HistoryState.InventoryPart}, {@link HistoryState.NetmapPart}): the other fields are skipped, not decoded.
 */
final class SnapshotCodec {

    /**
     * Raise it whenever what a snapshot holds changes meaning: a field of {@code NetmapNode}, {@code NetmapUser} or
     * {@code NodeClient}, an inventory column, or what a projection makes of an event. Snapshots of another version
     * are never read, and the snapshot job replaces them.
     */
    static final int FORMAT_VERSION = 2;

    private static final int LEVEL = 3;
    /** Far above what 10,000 nodes take (11 MB); a larger frame is refused rather than given the heap. */
    private static final long MAX_JSON_BYTES = 1L << 30;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private SnapshotCodec() {
    }

    static byte[] encode(HistoryState state) {
        return Zstd.compress(json(state), LEVEL);
    }

    /** Reads {@code part} ({@link HistoryState} for the whole) from a stored state. */
    static <T> T decode(byte[] stored, Class<T> part) {
        try {
            long size = Zstd.getFrameContentSize(stored);
            if (size < 0 || size > MAX_JSON_BYTES) {
                throw new IllegalArgumentException("a history snapshot could not be read: not a zstd frame of known size");
            }
            T state = JSON.readValue(Zstd.decompress(stored, (int) size), part);
            if (state == null) {
                throw new IllegalArgumentException("a history snapshot could not be read: it holds no state");
            }
            return state;
        } catch (ZstdException | IOException e) {
            throw new IllegalArgumentException("a history snapshot could not be read: " + e.getMessage(), e);
        }
    }

    /** The JSON before compression. */
    static byte[] json(HistoryState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
