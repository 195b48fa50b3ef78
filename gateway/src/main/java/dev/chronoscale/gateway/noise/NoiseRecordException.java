package dev.chronoscale.gateway.noise;

/** A transport record broke the rules (type, size, authentication, nonce); the connection is dead. */
public final class NoiseRecordException extends Exception {

    public NoiseRecordException(String message) {
        super(message);
    }
}
