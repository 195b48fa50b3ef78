/**
 * Synthetic Tailscale nodes speaking the real protocol (Noise, HTTP/2, register, map streams), many
 * at once, to measure how fast a control server brings maps up and spreads changes. Works against
 * any server that speaks the protocol; it knows nothing of ours.
 */
package dev.chronoscale.tools.loadgen;
