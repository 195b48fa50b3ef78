/**
 * A ts2021 protocol client (what tailscaled does up to HTTP/2): {@code /key} lookup, upgrade,
 * Noise handshake, then requests on concurrent HTTP/2 streams. Shared by the integration tests
 * and the load generator; it depends on nothing server-side.
 */
package dev.chronoscale.tools.client;
