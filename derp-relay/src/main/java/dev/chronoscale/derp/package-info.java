/**
 * DERP relay and STUN server, embedded in the control server or run alone.
 *
 * <ul>
 *   <li>{@code crypto}: node keys, mesh key, NaCl box (X25519, HSalsa20, XSalsa20-Poly1305).</li>
 *   <li>{@code frame}: DERP frames as records, their wire layout ({@code DerpFrameCodec}), ClientInfo/ServerInfo JSON.</li>
 *   <li>{@code server}: the relay ({@code DerpServer}), its per-connection state machine, the HTTP side
 *       ({@code DerpHttpService}, to embed) and {@code StandaloneDerpServer}; client admission.</li>
 *   <li>{@code mesh}: links between relays of one region.</li>
 *   <li>{@code client}: a DERP client (mesh, tests, and the benchmark {@code bench derp} in the tools module).</li>
 *   <li>{@code stun}: the STUN binding server.</li>
 * </ul>
 * See {@code derp-relay/docs/derp.md}.
 */
package dev.chronoscale.derp;
