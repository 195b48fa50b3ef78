package dev.chronoscale.history;

/** The inventory and the netmap at one instant, from one replay of the log; close it when done. */
public record TailnetAt(InventoryAt inventory, NetmapAt netmap) implements AutoCloseable {

    @Override
    public void close() {
        inventory.close();
    }
}
