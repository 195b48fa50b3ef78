package dev.chronoscale.derp.frame;

/** Echo of a {@link Ping}'s 8 bytes. */
public record Pong(byte[] data) implements DerpFrame {
    public Pong {
        if (data.length != Ping.DATA_LENGTH) {
            throw new IllegalArgumentException("pong data is 8 bytes");
        }
    }

    @Override
    public int type() {
        return FrameType.PONG;
    }
}
