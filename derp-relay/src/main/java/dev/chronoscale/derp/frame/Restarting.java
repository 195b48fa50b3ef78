package dev.chronoscale.derp.frame;

/** Server is restarting: reconnect after {@code reconnectInMillis}, keep trying for {@code tryForMillis}. */
public record Restarting(long reconnectInMillis, long tryForMillis) implements DerpFrame {
    public Restarting {
        if (reconnectInMillis < 0 || reconnectInMillis > 0xffffffffL || tryForMillis < 0 || tryForMillis > 0xffffffffL) {
            throw new IllegalArgumentException("durations are unsigned 32-bit milliseconds");
        }
    }

    @Override
    public int type() {
        return FrameType.RESTARTING;
    }
}
