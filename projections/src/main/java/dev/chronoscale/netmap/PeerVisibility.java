package dev.chronoscale.netmap;

import java.time.Instant;

/**
 * The base rule for which nodes appear in a node's netmap, before the policy: a node never lists
 * itself, nor an expired peer. Without a policy (none set) this is all there is, so every node sees
 * every other, as in Headscale; once a policy is in force, a peer must also be among the peers the
 * policy gives the viewer ({@link NetmapView#policyPeer}).
 */
@FunctionalInterface
public interface PeerVisibility {

    boolean canSee(NetmapNode viewer, NetmapNode peer, Instant now);

    PeerVisibility ALLOW_ALL = (viewer, peer, now) -> viewer.id() != peer.id() && !peer.isExpired(now);
}
