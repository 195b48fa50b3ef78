package dev.chronoscale.gateway.mapstream;

/** A map-stream message could not be framed or read (bad length, bad zstd frame, too large). */
public final class MapStreamException extends Exception {

    public MapStreamException(String message) {
        super(message);
    }

    public MapStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
