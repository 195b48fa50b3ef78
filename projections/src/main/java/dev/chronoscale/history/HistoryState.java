package dev.chronoscale.history;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a snapshot holds: every history projection's state after one event of the log. The inventory's rows,
 * the netmap's users and nodes, the text of the policy the netmap had in force (the last one that parsed) and
 * the nodes that had a map stream open.
 */
record HistoryState(List<TableRows> inventory, NetmapContents netmap, Optional<String> policy, Set<Long> connected) {

    HistoryState {
        inventory = List.copyOf(inventory);
        policy = policy == null ? Optional.empty() : policy;
        connected = Set.copyOf(connected);
    }

    /** What an inventory at an instant starts from; read from a stored snapshot without decoding the rest. */
    record InventoryPart(List<TableRows> inventory, Set<Long> connected) {

        InventoryPart {
            inventory = List.copyOf(inventory);
            connected = Set.copyOf(connected);
        }
    }

    /** What a netmap at an instant starts from; read from a stored snapshot without decoding the rest. */
    record NetmapPart(NetmapContents netmap, Optional<String> policy, Set<Long> connected) {

        NetmapPart {
            policy = policy == null ? Optional.empty() : policy;
            connected = Set.copyOf(connected);
        }
    }
}
