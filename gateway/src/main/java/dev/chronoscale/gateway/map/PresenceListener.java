package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;

import java.util.Optional;

/**
 * Told when a node comes online (its first map stream) and goes offline (grace period over).
 * Called under the netmap's lock: do not block.
 */
public interface PresenceListener {

    /** @param from the address the node's connection came from, when known */
    void online(NetmapNode node, Optional<String> from);

    void offline(NetmapNode node);
}
