package dev.chronoscale.derp.frame;

/** A mesh peer subscribes to this relay's connects and disconnects. */
public record WatchConns() implements DerpFrame {
    @Override
    public int type() {
        return FrameType.WATCH_CONNS;
    }
}
