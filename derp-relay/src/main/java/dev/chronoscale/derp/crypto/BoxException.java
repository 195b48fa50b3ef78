package dev.chronoscale.derp.crypto;

/** A NaCl box could not be opened (wrong key, tampered bytes) or sealed (bad key material). */
public class BoxException extends RuntimeException {
    public BoxException(String message) {
        super(message);
    }
}
