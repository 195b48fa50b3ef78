package dev.chronoscale.netmap;


import dev.chronoscale.netmap.result.PeerList;
import dev.chronoscale.netmap.result.PeerView;
import java.util.List;
import java.util.Optional;

/**
 * Finds a peer by ID in a netmap's peer list, which the compiler gives in ID order: a binary search, where a
 * hash map per node would cost a tailnet where everyone sees everyone an entry for every pair.
 */
public final class PeerLookup {

    private PeerLookup() {
    }

    public static Optional<PeerView> find(List<PeerView> peers, long id) {
        if (peers instanceof PeerList list) {
            return list.find(id);
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
}
