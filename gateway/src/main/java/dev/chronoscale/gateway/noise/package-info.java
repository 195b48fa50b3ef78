/**
 * Tailscale's control-protocol Noise layer (controlbase): Noise_IK_25519_ChaChaPoly_BLAKE2s with
 * the prologue {@code "Tailscale Control Protocol v" + version} and big-endian transport nonces.
 *
 * <ul>
 *   <li>{@link dev.chronoscale.gateway.noise.NoiseWireFormat}: byte layouts (initiation, response,
 *       error, record) and limits;</li>
 *   <li>{@link dev.chronoscale.gateway.noise.NoiseHandshake}: the handshake, server and client role,
 *       ending in a {@link dev.chronoscale.gateway.noise.NoiseSession};</li>
 *   <li>{@link dev.chronoscale.gateway.noise.NoiseTransportCodec}: the transport as a Netty handler;</li>
 *   <li>{@link dev.chronoscale.gateway.noise.ServerNoiseKey}: the server's key file.</li>
 * </ul>
 */
package dev.chronoscale.gateway.noise;
