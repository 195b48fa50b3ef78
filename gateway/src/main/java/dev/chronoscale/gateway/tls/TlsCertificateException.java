package dev.chronoscale.gateway.tls;

/** A certificate or key that cannot be served: unreadable, not PEM, encrypted, or not a matching pair. */
public final class TlsCertificateException extends Exception {

    public TlsCertificateException(String message) {
        super(message);
    }

    public TlsCertificateException(String message, Throwable cause) {
        super(message, cause);
    }
}
