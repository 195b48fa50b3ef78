/**
 * DERP relay and STUN server, embedded in the control server or run alone. Not built yet: see the issue "DERP relay and STUN".
 */
package dev.chronoscale.derp;
