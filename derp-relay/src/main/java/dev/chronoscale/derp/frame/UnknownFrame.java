package dev.chronoscale.derp.frame;

/** A frame type this implementation does not know; its payload was skipped. */
public record UnknownFrame(int type, int length) implements DerpFrame {
}
