package dev.chronoscale.netmap;

import java.time.Instant;

/**
 * The base rule for which nodes appear in a node's netmap, before the policy: a node never lists
 * itself, nor an expired peer, and a node not approved (device approval) sees nobody and is seen by
 * nobody. Without a policy (none set) this is all there is, so every approved node sees every other,
 * as in Headscale; once a policy is in force, a peer must also be among the peers the policy gives the
 * viewer ({@link NetmapView#policyPeer}).
 */
@FunctionalInterface
public interface BasePeerRule {

    boolean canSee(NetmapNode viewer, NetmapNode peer, Instant now);

    /**
     * Whether {@link #canSee} is "an approved viewer, another node, and {@link #shows} the peer": then a
     * caller comparing many viewers with many peers can test each peer once for all of them (a tailnet's
     * first policy does).
     */
    default boolean dependsOnPeerAlone() {
        return false;
    }

    /** For a rule that {@link #dependsOnPeerAlone}: whether other nodes may see {@code peer}. */
    default boolean shows(NetmapNode peer, Instant now) {
        throw new UnsupportedOperationException("this rule depends on the viewer");
    }

    BasePeerRule ALLOW_ALL = new BasePeerRule() {
        @Override
        public boolean canSee(NetmapNode viewer, NetmapNode peer, Instant now) {
            return viewer.isApproved() && viewer.id() != peer.id() && shows(peer, now);
        }

        @Override
        public boolean dependsOnPeerAlone() {
            return true;
        }

        @Override
        public boolean shows(NetmapNode peer, Instant now) {
            return peer.isApproved() && !peer.isExpired(now);
        }
    };
}
