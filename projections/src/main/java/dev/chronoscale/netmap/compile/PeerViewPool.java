package dev.chronoscale.netmap.compile;

import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.wire.PeerView;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peer views of nodes that serve no routes, kept across compiles: a node's view is reused while its name
 * and addresses stay the same. Netmaps of successive policies then hold the same view objects, so telling
 * which netmaps a policy change touched compares references, not addresses, for every pair of nodes.
 * Thread-safe: netmaps are derived in parallel.
 */
public final class PeerViewPool {

    private final Map<Long, PeerView> views = new ConcurrentHashMap<>();

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

    /** Lets go of a deleted node's view. */
    public void forget(long nodeId) {
        views.remove(nodeId);
    }
}
