package dev.chronoscale.derp.frame;

/** Server tells the client its connection is unhealthy; empty {@code problem} clears the state. */
public record Health(String problem) implements DerpFrame {
    @Override
    public int type() {
        return FrameType.HEALTH;
    }
}
