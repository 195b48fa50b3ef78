/**
 * {@code POST /machine/map}: map streams and how netmap changes reach them.
 *
 * <pre>
 *   event log --tracking processor--> Netmap (projections) --NetmapChange, under its lock-->
 *       ChangeFanOut --peer changes, rendered once--> MapSession of each node that sees it
 *       --batched (PendingPeerChanges), zstd--> the client
 * </pre>
 *
 * <ul>
 *   <li>{@link dev.chronoscale.gateway.map.MapPollEndpoint} answers the request: a lite update
 *       becomes a {@code ReportReachability} command (an event only when something changed), a
 *       streaming poll becomes a {@link dev.chronoscale.gateway.map.MapSession}.</li>
 *   <li>{@link dev.chronoscale.gateway.map.MapStreaming} puts the map side together and runs a stream's
 *       life: registered in {@link dev.chronoscale.gateway.map.MapStreams} (one per node, a new one replaces
 *       the old), it first gets its complete map from {@link dev.chronoscale.gateway.map.CompleteMaps}
 *       (a snapshot taken under the netmap's lock, put together outside it from each peer's cached JSON,
 *       {@link dev.chronoscale.gateway.map.RenderedPeerCache}).</li>
 *   <li>{@link dev.chronoscale.gateway.map.ChangeFanOut} then sends it deltas: a change to one node is
 *       rendered once and handed to the streams of the nodes that can see it
 *       ({@link dev.chronoscale.gateway.map.Viewers}: {@link dev.chronoscale.netmap.BasePeerRule} and,
 *       once a policy is in force, the viewer's policy netmap), which batch such peer changes into one
 *       message per batch delay, so its cost is proportional to those viewers, never a recomputation of
 *       every map. A policy change arrives compiled once, as the nodes whose policy netmap changed
 *       ({@code NetmapChange.PolicyApplied}); each such node's stream gets one delta (peers, AllowedIPs,
 *       PacketFilters, SSHPolicy, CapMap). {@link dev.chronoscale.gateway.map.ExpiryTimers} announce key
 *       expiry when the time comes.</li>
 *   <li>{@link dev.chronoscale.gateway.map.Presence} keeps who is online (while a stream is open, plus
 *       a reconnect grace); {@link dev.chronoscale.gateway.map.PresenceListener}s act on it:
 *       {@link dev.chronoscale.gateway.map.SessionRecorder} records sessions as events,
 *       {@link dev.chronoscale.gateway.map.EphemeralNodeReaper} deletes ephemeral nodes that stay
 *       away.</li>
 * </ul>
 */
package dev.chronoscale.gateway.map;
