package dev.chronoscale.derp.frame;

/** Empty frame the server sends about every minute so idle connections stay open. */
public record KeepAlive() implements DerpFrame {
    @Override
    public int type() {
        return FrameType.KEEP_ALIVE;
    }
}
