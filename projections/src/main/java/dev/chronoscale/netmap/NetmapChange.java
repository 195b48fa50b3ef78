package dev.chronoscale.netmap;

import java.util.Map;

/**
 * One change to the netmap, as its listeners are told. Each says exactly which node changed and
 * how, so a listener can update only the sessions that see that node.
 */
public sealed interface NetmapChange {

    /** A node registered. */
    record Joined(NetmapNode node) implements NetmapChange {
    }

    /** Something other than reachability changed: name, tags, key, expiry, routes. */
    record Updated(NetmapNode before, NetmapNode after) implements NetmapChange {
    }

    /** Only endpoints, home DERP region or disco key changed: peers can take a small patch. */
    record ReachabilityUpdated(NetmapNode before, NetmapNode after) implements NetmapChange {
    }

    /** The node was deleted. */
    record Left(NetmapNode node) implements NetmapChange {
    }

    /**
     * The policy netmaps of these nodes changed (a policy was set, or a node, user or route change moved what
     * the policy decides for them): compiled once, told once, with each node's netmap before and after.
     * {@code endsAllowAll} when this is the first policy: until now every node saw every peer.
     */
    record PolicyApplied(Map<Long, PolicyNetmaps.Change> changes, boolean endsAllowAll) implements NetmapChange {
        public PolicyApplied {
            changes = Map.copyOf(changes);
        }
    }

    /** A user was created or renamed (their profile appears in the maps of nodes that see their nodes). */
    record UserUpdated(NetmapUser user) implements NetmapChange {
    }
}
