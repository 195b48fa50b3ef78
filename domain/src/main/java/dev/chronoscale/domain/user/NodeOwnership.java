package dev.chronoscale.domain.user;

/** How many live nodes a user owns; read from the inventory, which is updated in the event's transaction. */
@FunctionalInterface
public interface NodeOwnership {
    long nodesOwnedBy(long userId);
}
