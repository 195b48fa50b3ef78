package dev.chronoscale.tools.client;

/** The server did not switch to the control protocol, or refused or failed the Noise handshake. */
public final class Ts2021HandshakeFailedException extends Exception {

    public Ts2021HandshakeFailedException(String message) {
        super(message);
    }

    public Ts2021HandshakeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
