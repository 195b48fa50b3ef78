package dev.chronoscale.gateway.relay;

import dev.chronoscale.inventory.InventoryQueries;

import java.time.Clock;

/** Who may use this tailnet's DERP relays: nodes that are registered and whose key has not expired. */
public final class RelayAdmission {

    private final InventoryQueries inventory;
    private final Clock clock;

    public RelayAdmission(InventoryQueries inventory, Clock clock) {
        this.inventory = inventory;
        this.clock = clock;
    }

    public boolean admits(String nodeKey) {
        return inventory.nodeByNodeKey(nodeKey).filter(node -> !node.isExpired(clock.instant())).isPresent();
    }
}
