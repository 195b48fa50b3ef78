package dev.chronoscale.gateway.noise;

/**
 * The handshake was refused. {@link #clientMessage()} is the fixed text safe to send back in a
 * Noise error message: it never echoes anything the client sent.
 */
public final class NoiseHandshakeException extends Exception {

    private final String clientMessage;

    public NoiseHandshakeException(String detail, String clientMessage) {
        super(detail);
        this.clientMessage = clientMessage;
    }

    public String clientMessage() {
        return clientMessage;
    }
}
