/**
 * The in-memory netmap: every node and user as peers see them, fed from the event log by a
 * tracking processor ({@link dev.chronoscale.netmap.NetmapProjection}) and replayed at each start.
 * Listeners get each change with the node before and after it, in log order, so per-node maps can
 * be kept current incrementally; {@link dev.chronoscale.netmap.PeerVisibility} decides who sees whom.
 */
package dev.chronoscale.netmap;
