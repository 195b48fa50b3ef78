package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.TailcfgJson;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each peer's serialized {@code tailcfg.Node}, kept while the node (an immutable value: any change makes
 * a new one), its online flag, whether it has expired and how it is seen stay the same. Every complete map
 * lists every visible peer, so without this a tailnet of n nodes serializes n peers for each map; with it,
 * a peer is serialized once per change and maps are put together from the bytes. A node seen in several
 * ways (different AllowedIPs under a policy) keeps a few variants.
 */
final class RenderedPeerCache {

    private static final int VARIANTS_PER_NODE = 4;

    private record Variant(NetmapNode node, boolean online, boolean expired, Optional<PeerView> seen, byte[] json) {
        boolean renders(NetmapNode wanted, boolean isOnline, boolean isExpired, Optional<PeerView> asSeen) {
            return node == wanted && online == isOnline && expired == isExpired && seen.equals(asSeen);
        }
    }

    private final NodeRenderer renderer;
    private final Map<Long, Variant[]> byNode = new ConcurrentHashMap<>();

    RenderedPeerCache(NodeRenderer renderer) {
        this.renderer = renderer;
    }

    byte[] json(NetmapNode node, boolean online, Optional<PeerView> asSeen, Instant now) {
        boolean expired = node.isExpired(now);
        Variant[] variants = byNode.get(node.id());
        if (variants != null) {
            for (Variant variant : variants) {
                if (variant.renders(node, online, expired, asSeen)) {
                    return variant.json();
                }
            }
        }
        byte[] json = TailcfgJson.write(renderer.peer(node, online, asSeen, now));
        Variant made = new Variant(node, online, expired, asSeen, json);
        byNode.compute(node.id(), (id, held) -> {
            if (held == null || held[0].node() != node) {
                return new Variant[] {made};
            }
            Variant[] more = Arrays.copyOf(held, Math.min(held.length + 1, VARIANTS_PER_NODE));
            System.arraycopy(held, 0, more, 1, more.length - 1);
            more[0] = made;
            return more;
        });
        return json;
    }

    /** Forgets a deleted node. */
    void remove(long nodeId) {
        byNode.remove(nodeId);
    }
}
