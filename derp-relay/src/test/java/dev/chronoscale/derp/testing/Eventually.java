package dev.chronoscale.derp.testing;

import java.util.function.BooleanSupplier;

/** Polls a condition (a state reached asynchronously), failing after 10 s. Not a timing assertion. */
public final class Eventually {
    private Eventually() {}

    public static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }
}
