package dev.chronoscale.history;

import dev.chronoscale.inventory.ScratchInventory;
import dev.chronoscale.inventory.InventoryRows;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * A snapshot's state as stored, zstd-compressed, in three columns: {@code inventory}, an image of the private
 * database the inventory was replayed into; {@code state}, JSON of the netmap's users and nodes and the policy in
 * force; {@code sessions}, JSON of the nodes that had a map stream open. A question fetches and decodes only the
 * columns of its part, and opens the image as it is rather than inserting the rows again (that insert and its commit
 * were most of what an inventory at an instant cost).
 */
final class SnapshotCodec {

    /**
     * Raise it whenever what a snapshot holds changes meaning: a field of {@code NetmapNode}, {@code NetmapUser} or
     * {@code NodeClient}, an inventory table, or what a projection makes of an event. H2's own build number is part
     * of it, since the inventory is kept in H2's file format. Snapshots of another version are never read, and the
     * snapshot job replaces them.
     */
    static final int FORMAT_VERSION = 6_000 + org.h2.engine.Constants.BUILD_ID;

    /** The columns of a stored snapshot; those a part does not read are not fetched, and are null. */
    record Stored(byte[] inventory, byte[] state, byte[] sessions) {
    }

    /** A question's part of a stored snapshot: the columns it reads, and how. */
    record Part<S>(List<String> columns, Function<Stored, S> decoder) {
        S decode(Stored stored) {
            return decoder.apply(stored);
        }
    }

    static final Part<HistoryState.InventoryPart> INVENTORY = new Part<>(List.of("inventory", "sessions"),
            stored -> new HistoryState.InventoryPart(decompress(stored.inventory()), sessions(stored)));
    static final Part<HistoryState.NetmapPart> NETMAP = new Part<>(List.of("state", "sessions"), SnapshotCodec::netmap);
    static final Part<HistoryState.Parts> BOTH = new Part<>(List.of("inventory", "state", "sessions"),
            stored -> {
                HistoryState.NetmapPart netmap = netmap(stored);
                return new HistoryState.Parts(new HistoryState.InventoryPart(decompress(stored.inventory()),
                        netmap.sessions()), netmap);
            });

    private static final int LEVEL = 3;
    /** Far above what 10,000 nodes take (8 MB of JSON); a larger frame is refused rather than given the heap. */
    private static final long MAX_BYTES = 1L << 30;
    /** A zstd frame's magic number and header take at least this many bytes; zstd-jni reads past a shorter array. */
    private static final int FRAME_HEADER_MIN = 6;

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** What the state column holds. */
    private record NetmapState(NetmapContents netmap, Optional<String> policy) {
    }

    /** What the sessions column holds. */
    private record OpenSessions(Set<Long> connected, Map<Long, Long> lastSeenMillis) {
    }

    private SnapshotCodec() {
    }

    static Stored encode(HistoryState state) {
        return new Stored(Zstd.compress(image(state), LEVEL),
                Zstd.compress(json(new NetmapState(state.netmap(), state.policy())), LEVEL),
                Zstd.compress(json(new OpenSessions(state.sessions().connected(), millis(state.sessions().lastSeen()))), LEVEL));
    }

    private static HistoryState.NetmapPart netmap(Stored stored) {
        NetmapState state = read(stored.state(), NetmapState.class);
        if (state.netmap() == null) {
            throw new IllegalArgumentException("a history snapshot could not be read: it holds no netmap");
        }
        return new HistoryState.NetmapPart(state.netmap(), state.policy(), sessions(stored));
    }

    private static SessionState sessions(Stored stored) {
        OpenSessions sessions = read(stored.sessions(), OpenSessions.class);
        Map<Long, Instant> lastSeen = new HashMap<>();
        if (sessions.lastSeenMillis() != null) {
            sessions.lastSeenMillis().forEach((node, millis) -> lastSeen.put(node, Instant.ofEpochMilli(millis)));
        }
        return new SessionState(sessions.connected() == null ? Set.of() : sessions.connected(), lastSeen);
    }

    private static Map<Long, Long> millis(Map<Long, Instant> instants) {
        Map<Long, Long> out = new TreeMap<>();
        instants.forEach((node, at) -> out.put(node, at.toEpochMilli()));
        return out;
    }

    /** The inventory's rows in a fresh private database, as an image of its file. */
    private static byte[] image(HistoryState state) {
        ScratchInventory database = ScratchInventory.create();
        try {
            database.inTransaction(() -> {
                InventoryRows.restore(database.jdbc(), state.inventory());
                return null;
            });
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return database.closeToImage();
    }

    static byte[] json(Object value) {
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T> T read(byte[] state, Class<T> type) {
        try {
            T value = JSON.readValue(decompress(state), type);
            if (value == null) {
                throw new IllegalArgumentException("a history snapshot could not be read: it holds no state");
            }
            return value;
        } catch (IOException e) {
            throw new IllegalArgumentException("a history snapshot could not be read: " + e.getMessage(), e);
        }
    }

    private static byte[] decompress(byte[] stored) {
        if (stored == null) {
            throw new IllegalArgumentException("a history snapshot could not be read: a part is missing");
        }
        long size = FRAME_HEADER_MIN <= stored.length ? Zstd.getFrameContentSize(stored) : -1;
        if (size < 0 || size > MAX_BYTES) {
            throw new IllegalArgumentException("a history snapshot could not be read: not a zstd frame of known size");
        }
        try {
            return Zstd.decompress(stored, (int) size);
        } catch (ZstdException e) {
            throw new IllegalArgumentException("a history snapshot could not be read: " + e.getMessage(), e);
        }
    }
}
