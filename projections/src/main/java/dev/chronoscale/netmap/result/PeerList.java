package dev.chronoscale.netmap.result;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.function.Consumer;

/**
 * A node's peers in ID order, immutable, held in chunks that lists derived from one another share. Where
 * everyone sees everyone, a tailnet of n nodes has n lists of n peers: a peer joining or changing must reach
 * all of them, and {@link #with} or {@link #without} copies one chunk and the chunk table rather than the
 * list. Two lists that share chunks are compared, and {@link #compare diffed}, chunk by chunk, skipping the
 * shared ones.
 */
public final class PeerList extends AbstractList<PeerView> implements RandomAccess {

    /** Peers a chunk is built with; a chunk that grows to twice this is split. */
    public static final int CHUNK = 64;

    public static final PeerList EMPTY = new PeerList(new PeerView[0][]);

    /** None empty; never changed once the list has them, so lists may share them. */
    private final PeerView[][] chunks;
    /** {@code starts[k]}: the index of chunk k's first peer; the last entry is the size. */
    private final int[] starts;

    private PeerList(PeerView[][] chunks) {
        this.chunks = chunks;
        this.starts = new int[chunks.length + 1];
        for (int k = 0; k < chunks.length; k++) {
            starts[k + 1] = starts[k] + chunks[k].length;
        }
    }

    /** The peers as a PeerList: the list itself if it is one, else a copy. */
    public static PeerList of(List<PeerView> peers) {
        if (peers instanceof PeerList list) {
            return list;
        }
        List<PeerView[]> chunks = new ArrayList<>(peers.size() / CHUNK + 1);
        PeerView[] all = peers.toArray(new PeerView[0]);
        for (int i = 1; i < all.length; i++) {
            if (all[i - 1].id() >= all[i].id()) {
                throw new IllegalArgumentException("peers must be in ascending ID order, without repeats: "
                        + all[i - 1].id() + " before " + all[i].id());
            }
        }
        for (int from = 0; from < all.length; from += CHUNK) {
            chunks.add(Arrays.copyOfRange(all, from, Math.min(all.length, from + CHUNK)));
        }
        return new PeerList(chunks.toArray(new PeerView[0][]));
    }

    /**
     * A list of the given chunks, which the list takes: callers hand each chunk (which may be shared with other
     * lists) and never change it afterwards. Chunks must be in ID order among and within themselves; empty ones
     * are left out.
     */
    public static PeerList ofChunks(List<PeerView[]> chunks) {
        return new PeerList(chunks.stream().filter(c -> c.length > 0).toArray(PeerView[][]::new));
    }

    @Override
    public PeerView get(int index) {
        if (index < 0 || index >= size()) {
            throw new IndexOutOfBoundsException(index);
        }
        int k = chunkOf(index);
        return chunks[k][index - starts[k]];
    }

    @Override
    public int size() {
        return starts[chunks.length];
    }

    /** The peer with this ID, by binary search. */
    public Optional<PeerView> find(long id) {
        int k = chunkFor(id);
        if (k == chunks.length) {
            return Optional.empty();
        }
        int at = indexIn(chunks[k], id);
        return at >= 0 ? Optional.of(chunks[k][at]) : Optional.empty();
    }

    /** This list with {@code peer} in its place: replacing the peer with its ID, or added in ID order. */
    public PeerList with(PeerView peer) {
        if (chunks.length == 0) {
            return new PeerList(new PeerView[][] {{peer}});
        }
        int k = Math.min(chunkFor(peer.id()), chunks.length - 1);
        PeerView[] chunk = chunks[k];
        int at = indexIn(chunk, peer.id());
        PeerView[][] next = chunks.clone();
        if (at >= 0) {
            if (chunk[at] == peer) {
                return this;
            }
            next[k] = chunk.clone();
            next[k][at] = peer;
            return new PeerList(next);
        }
        int insertAt = -at - 1;
        PeerView[] grown = new PeerView[chunk.length + 1];
        System.arraycopy(chunk, 0, grown, 0, insertAt);
        grown[insertAt] = peer;
        System.arraycopy(chunk, insertAt, grown, insertAt + 1, chunk.length - insertAt);
        if (grown.length < 2 * CHUNK) {
            next[k] = grown;
            return new PeerList(next);
        }
        PeerView[][] split = new PeerView[chunks.length + 1][];
        System.arraycopy(chunks, 0, split, 0, k);
        split[k] = Arrays.copyOfRange(grown, 0, CHUNK);
        split[k + 1] = Arrays.copyOfRange(grown, CHUNK, grown.length);
        System.arraycopy(chunks, k + 1, split, k + 2, chunks.length - k - 1);
        return new PeerList(split);
    }

    /** This list without the peer with this ID (itself if there is none). */
    public PeerList without(long id) {
        int k = chunkFor(id);
        if (k == chunks.length) {
            return this;
        }
        PeerView[] chunk = chunks[k];
        int at = indexIn(chunk, id);
        if (at < 0) {
            return this;
        }
        if (chunk.length == 1) {
            PeerView[][] fewer = new PeerView[chunks.length - 1][];
            System.arraycopy(chunks, 0, fewer, 0, k);
            System.arraycopy(chunks, k + 1, fewer, k, chunks.length - k - 1);
            return new PeerList(fewer);
        }
        PeerView[] shrunk = new PeerView[chunk.length - 1];
        System.arraycopy(chunk, 0, shrunk, 0, at);
        System.arraycopy(chunk, at + 1, shrunk, at, chunk.length - at - 1);
        PeerView[][] next = chunks.clone();
        next[k] = shrunk;
        return new PeerList(next);
    }

    /** What {@link #compare} reports: a peer only before (after null), only after (before null), or changed. */
    @FunctionalInterface
    public interface Differences {
        void differ(PeerView before, PeerView after);
    }

    /**
     * Walks two lists in ID order and reports every ID whose entry is not the same object in both. Where both
     * lists reach a chunk they share, the whole chunk is skipped, so lists derived from one another are compared
     * in time proportional to their differences and their number of chunks.
     */
    public static void compare(List<PeerView> before, List<PeerView> after, Differences differences) {
        PeerView[][] a = of(before).chunks;
        PeerView[][] b = of(after).chunks;
        int ka = 0;
        int ia = 0;
        int kb = 0;
        int ib = 0;
        while (ka < a.length || kb < b.length) {
            if (ia == 0 && ib == 0 && ka < a.length && kb < b.length && a[ka] == b[kb]) {
                ka++;
                kb++;
                continue;
            }
            PeerView x = ka < a.length ? a[ka][ia] : null;
            PeerView y = kb < b.length ? b[kb][ib] : null;
            boolean takeX = y == null || x != null && x.id() <= y.id();
            boolean takeY = x == null || y != null && y.id() <= x.id();
            if (takeX && takeY) {
                if (x != y) {
                    differences.differ(x, y);
                }
            } else {
                differences.differ(takeX ? x : null, takeY ? y : null);
            }
            if (takeX && ++ia == a[ka].length) {
                ka++;
                ia = 0;
            }
            if (takeY && ++ib == b[kb].length) {
                kb++;
                ib = 0;
            }
        }
    }

    @Override
    public Iterator<PeerView> iterator() {
        return new Iterator<>() {
            private int k;
            private int i;

            @Override
            public boolean hasNext() {
                return k < chunks.length;
            }

            @Override
            public PeerView next() {
                if (k >= chunks.length) {
                    throw new NoSuchElementException();
                }
                PeerView peer = chunks[k][i];
                if (++i == chunks[k].length) {
                    k++;
                    i = 0;
                }
                return peer;
            }
        };
    }

    @Override
    public void forEach(Consumer<? super PeerView> action) {
        for (PeerView[] chunk : chunks) {
            for (PeerView peer : chunk) {
                action.accept(peer);
            }
        }
    }

    /**
     * Equal to any list of the same peers in the same order. Against another PeerList: sizes first, then
     * peer by peer, skipping the chunks both lists share where both reach one at the same time.
     */
    @Override
    public boolean equals(Object other) {
        if (other == this) {
            return true;
        }
        if (!(other instanceof PeerList list)) {
            return super.equals(other);
        }
        if (size() != list.size()) {
            return false;
        }
        PeerView[][] a = chunks;
        PeerView[][] b = list.chunks;
        int kb = 0;
        int ib = 0;
        for (int ka = 0; ka < a.length; ka++) {
            if (ib == 0 && a[ka] == b[kb]) {
                kb++;
                continue;
            }
            for (PeerView peer : a[ka]) {
                if (!peer.equals(b[kb][ib])) {
                    return false;
                }
                if (++ib == b[kb].length) {
                    kb++;
                    ib = 0;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }

    /** The chunk holding index {@code index}. */
    private int chunkOf(int index) {
        int at = Arrays.binarySearch(starts, 0, chunks.length, index);
        return at >= 0 ? at : -at - 2;
    }

    /** The first chunk whose last peer's ID is at least {@code id}; the chunk count when there is none. */
    private int chunkFor(long id) {
        int low = 0;
        int high = chunks.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            PeerView[] chunk = chunks[middle];
            if (chunk[chunk.length - 1].id() < id) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    private static int indexIn(PeerView[] chunk, long id) {
        int low = 0;
        int high = chunk.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = chunk[middle].id();
            if (found < id) {
                low = middle + 1;
            } else if (found > id) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -low - 1;
    }
}
