package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.NetmapNode;

/** Told when a node comes online (its first map stream) and goes offline (grace period over). */
public interface PresenceListener {

    void online(NetmapNode node);

    void offline(NetmapNode node);
}
