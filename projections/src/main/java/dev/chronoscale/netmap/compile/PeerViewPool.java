package dev.chronoscale.netmap.compile;

import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.result.PeerView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntFunction;

/**
 * Peer views of nodes that serve no routes, kept across compiles: a node's view is reused while its name
 * and addresses stay the same. Netmaps of successive policies then hold the same view objects, so telling
 * which netmaps a policy change touched compares references, not addresses, for every pair of nodes.
 * Thread-safe: netmaps are derived in parallel.
 */
public final class PeerViewPool {

    /** Chunks kept at most; past this the pool starts over (lists keep the chunks they hold). */
    private static final int MAX_CHUNKS = 200_000;

    private final Map<Long, PeerView> views = new ConcurrentHashMap<>();
    private final Map<ChunkKey, PeerView[]> chunks = new ConcurrentHashMap<>();

    /** A block of 64 slots and which of them a viewer sees. */
    record ChunkKey(int block, long slots) {
    }

    PeerView plain(TailnetNode node, List<String> addresses) {
        PeerView held = views.get(node.id());
        if (held != null && held.primaryRoutes().isEmpty() && held.name().equals(node.name())
                && held.allowedIps().equals(addresses)) {
            return held;
        }
        PeerView made = new PeerView(node.id(), node.name(), addresses, List.of());
        views.put(node.id(), made);
        return made;
    }

    /**
     * The plain views of the slots in {@code key}, in slot order, as one chunk of a {@link
     * dev.chronoscale.netmap.result.PeerList}: the chunk handed out before for the same slots if it still holds
     * their current views, so viewers that see the same nodes of a block share it, across compiles too, and
     * comparing their lists skips it.
     */
    PeerView[] chunk(ChunkKey key, IntFunction<PeerView> viewOfSlot) {
        PeerView[] held = chunks.get(key);
        if (held != null && holdsCurrentViews(held, key, viewOfSlot)) {
            return held;
        }
        PeerView[] made = new PeerView[Long.bitCount(key.slots())];
        int i = 0;
        for (long rest = key.slots(); rest != 0; rest &= rest - 1) {
            made[i++] = viewOfSlot.apply(key.block() * 64 + Long.numberOfTrailingZeros(rest));
        }
        if (chunks.size() >= MAX_CHUNKS) {
            chunks.clear();
        }
        chunks.put(key, made);
        return made;
    }

    private static boolean holdsCurrentViews(PeerView[] chunk, ChunkKey key, IntFunction<PeerView> viewOfSlot) {
        int i = 0;
        for (long rest = key.slots(); rest != 0; rest &= rest - 1) {
            if (chunk[i++] != viewOfSlot.apply(key.block() * 64 + Long.numberOfTrailingZeros(rest))) {
                return false;
            }
        }
        return true;
    }

    /** Lets go of a deleted node's view. */
    public void forget(long nodeId) {
        views.remove(nodeId);
    }
}
