package dev.chronoscale.netmap;

import dev.chronoscale.netmap.wire.PeerView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One node's policy peers by ID. The compiler lists peers in slot order, which is ID order unless slots were
 * reused, so the lookup is a binary search over that list; only an unsorted list gets a map. A hash map per
 * node would cost a tailnet where everyone sees everyone an entry for every pair.
 */
final class PeerLookup {

    private final List<PeerView> peers;
    private final Map<Long, PeerView> unsorted;

    PeerLookup(List<PeerView> peers) {
        this.peers = peers;
        this.unsorted = PeerView.sortedById(peers) ? null : index(peers);
    }

    Optional<PeerView> find(long id) {
        if (unsorted != null) {
            return Optional.ofNullable(unsorted.get(id));
        }
        int low = 0;
        int high = peers.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = peers.get(middle).id();
            if (found < id) {
                low = middle + 1;
            } else if (found > id) {
                high = middle - 1;
            } else {
                return Optional.of(peers.get(middle));
            }
        }
        return Optional.empty();
    }

    private static Map<Long, PeerView> index(List<PeerView> peers) {
        Map<Long, PeerView> byId = new HashMap<>();
        peers.forEach(p -> byId.put(p.id(), p));
        return byId;
    }
}
