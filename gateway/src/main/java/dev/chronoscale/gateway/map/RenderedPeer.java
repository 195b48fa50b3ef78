package dev.chronoscale.gateway.map;

/**
 * One peer as a set of viewers sees it, serialized once for all of them: its {@code tailcfg.Node}
 * and its owner's {@code UserProfile}.
 */
record RenderedPeer(long id, byte[] nodeJson, long profileId, byte[] profileJson) {
}
