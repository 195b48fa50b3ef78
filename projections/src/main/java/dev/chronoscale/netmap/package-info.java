/**
 * The in-memory netmap: every node and user as peers see them, fed from the event log by a
 * tracking processor ({@link dev.chronoscale.netmap.NetmapProjection}) and replayed at each start.
 * Listeners get each change with the node before and after it, in log order, so per-node maps can
 * be kept current incrementally. The netmap also feeds the policy in force (the last
 * {@code PolicyUpdated}) and every node and user change into {@link dev.chronoscale.netmap.PolicyNetmaps},
 * and tells its listeners which nodes' policy netmaps (peers, filter, SSH, capabilities) changed. Who
 * sees whom: {@link dev.chronoscale.netmap.BasePeerRule} (no self, no expired peers) and, once a
 * policy is set, that policy; without one, everyone sees everyone.
 */
package dev.chronoscale.netmap;
