package dev.chronoscale.app.server;

/** The server could not start for a reason the operator can fix; the message says which setting and why. */
public class StartupFailure extends RuntimeException {
    public StartupFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
