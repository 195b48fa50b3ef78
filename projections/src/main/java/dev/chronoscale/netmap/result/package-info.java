/**
 * What the netmap compiler produces for one node: its {@link dev.chronoscale.netmap.result.NodeNetmap}
 * (peers, packet filter, SSH policy, capabilities) and each peer as that node sees it
 * ({@link dev.chronoscale.netmap.result.PeerView}, shared between nodes in a
 * {@link dev.chronoscale.netmap.result.PeerList}). The compiler writes these and the netmap and the gateway
 * read them, so they sit below both.
 */
package dev.chronoscale.netmap.result;
