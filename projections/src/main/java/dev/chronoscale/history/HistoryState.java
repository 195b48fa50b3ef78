package dev.chronoscale.history;

import dev.chronoscale.inventory.TableRows;
import java.util.List;
import java.util.Optional;

/**
 * What a snapshot holds: every history projection's state after one event of the log. The inventory's rows,
 * the netmap's users and nodes, the text of the policy the netmap had in force (the last one that parsed) and
 * the nodes that had a map stream open. Stored, the inventory becomes an image of its database
 * ({@link SnapshotCodec}); a question reads back only its part.
 */
record HistoryState(List<TableRows> inventory, NetmapContents netmap, Optional<String> policy, SessionState sessions) {

    HistoryState {
        inventory = List.copyOf(inventory);
        policy = policy == null ? Optional.empty() : policy;
    }

    /** What an inventory at an instant starts from: the image of the inventory's database, and the open sessions. */
    record InventoryPart(byte[] image, SessionState sessions) {
    }

    /** What a netmap at an instant starts from; it is also what the stored state's JSON holds. */
    record NetmapPart(NetmapContents netmap, Optional<String> policy, SessionState sessions) {

        NetmapPart {
            policy = policy == null ? Optional.empty() : policy;
        }
    }

    /** Both parts: what the tailnet at an instant, and the next snapshot, start from. */
    record Parts(InventoryPart inventory, NetmapPart netmap) {
    }
}
