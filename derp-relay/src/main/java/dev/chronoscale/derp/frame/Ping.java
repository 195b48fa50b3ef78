package dev.chronoscale.derp.frame;

/** 8 opaque bytes the other side echoes in a {@link Pong}. */
public record Ping(byte[] data) implements DerpFrame {
    public static final int DATA_LENGTH = 8;

    public Ping {
        if (data.length != DATA_LENGTH) {
            throw new IllegalArgumentException("ping data is 8 bytes");
        }
    }

    @Override
    public int type() {
        return FrameType.PING;
    }
}
