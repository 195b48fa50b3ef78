package dev.chronoscale.derp.stun;

/** A datagram that is not a STUN message we answer; the server drops it silently. */
public class StunFormatException extends Exception {
    public StunFormatException(String message) {
        super(message);
    }
}
