/**
 * Tailscale's control-protocol messages ({@code tailscale.com/tailcfg}) as Java records, with
 * Go's exact JSON field names. Absent values are {@code null} and left out of the JSON, as Go's
 * {@code omitempty} does; {@link dev.chronoscale.gateway.tailcfg.TailcfgJson} reads and writes them.
 * Only the fields this server reads or sends are modelled; unknown fields are ignored on input.
 */
package dev.chronoscale.gateway.tailcfg;
