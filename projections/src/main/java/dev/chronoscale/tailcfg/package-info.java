/**
 * Tailscale's control-protocol messages ({@code tailscale.com/tailcfg}) as Java records, with
 * Go's exact JSON field names. Absent values are {@code null} and left out of the JSON, as Go's
 * {@code omitempty} does; {@link dev.chronoscale.tailcfg.TailcfgJson} reads and writes them.
 * Only the fields this server reads or sends are modelled; unknown fields are ignored on input.
 *
 * <p>The messages the gateway exchanges with clients ({@link dev.chronoscale.tailcfg.MapRequest},
 * {@link dev.chronoscale.tailcfg.MapResponse}, {@link dev.chronoscale.tailcfg.RegisterRequest}, ...) and the
 * parts of a netmap the policy compiler produces in their wire form ({@link dev.chronoscale.tailcfg.FilterRule},
 * {@link dev.chronoscale.tailcfg.SshPolicy}, ...) live here together, as in Tailscale's own package. What
 * the compiler keeps for itself (a node's {@link dev.chronoscale.netmap.result.NodeNetmap}, its
 * {@link dev.chronoscale.netmap.result.PeerList}) is the netmap's.
 */
package dev.chronoscale.tailcfg;
