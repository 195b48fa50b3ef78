package dev.chronoscale.netmap;

import java.time.Instant;

/**
 * Which nodes appear in a node's netmap. The policy compiler will supply the real rule; until then
 * the default policy (none set) lets every node see every other node that has not expired, as in
 * Headscale.
 */
@FunctionalInterface
public interface PeerVisibility {

    boolean canSee(NetmapNode viewer, NetmapNode peer, Instant now);

    PeerVisibility ALLOW_ALL = (viewer, peer, now) -> viewer.id() != peer.id() && !peer.isExpired(now);
}
