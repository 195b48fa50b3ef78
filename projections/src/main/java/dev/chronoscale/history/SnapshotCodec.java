package dev.chronoscale.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/** A snapshot's state as stored: gzip-compressed JSON of {@link HistoryState}. */
final class SnapshotCodec {

    /**
     * Raise it whenever what a snapshot holds changes meaning: a field of {@code NetmapNode}, {@code NetmapUser} or
     * {@code NodeClient}, an inventory column, or what a projection makes of an event. Snapshots of another version
     * are never read, and the snapshot job replaces them.
     */
    static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SnapshotCodec() {
    }

    static byte[] encode(HistoryState state) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            JSON.writeValue(out, state);
        } catch (IOException e) {
            throw new UncheckedIOException("a history snapshot could not be written", e);
        }
        return bytes.toByteArray();
    }

    static HistoryState decode(byte[] stored) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stored))) {
            return JSON.readValue(in, HistoryState.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("a history snapshot could not be read: " + e.getMessage(), e);
        }
    }

    /** The uncompressed JSON, for measuring what compression saves. */
    static byte[] json(HistoryState state) {
        try {
            return JSON.writeValueAsBytes(state);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
