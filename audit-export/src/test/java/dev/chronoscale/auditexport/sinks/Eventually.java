package dev.chronoscale.auditexport.sinks;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits for a condition that another thread brings about; the limit only stops a hung test. */
public final class Eventually {

    private Eventually() {
    }

    public static void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("gave up waiting for " + what);
            }
            Thread.sleep(20);
        }
    }
}
