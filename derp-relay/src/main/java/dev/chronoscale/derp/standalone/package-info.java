/**
 * The relay run on its own ({@code chronoscale derp}): its own HTTP(S) listener and STUN, client admission
 * asked of a control server over HTTP, and meshing with the other relays of its region. The relay that is
 * embedded in the control server's port is {@link dev.chronoscale.derp.server.DerpServer} alone.
 */
package dev.chronoscale.derp.standalone;
