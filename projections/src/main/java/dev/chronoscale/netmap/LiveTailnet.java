package dev.chronoscale.netmap;

import dev.chronoscale.netmap.inventory.Tailnet;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The netmap's tailnet once the netmap has caught up with the event log: the nodes and users the map
 * streams are compiled from, including every change committed before it was asked for (the netmap trails
 * the log slightly). A new policy's tests are run against it.
 */
public final class LiveTailnet implements Supplier<Tailnet> {

    /** At start-up the netmap replays the whole log before it is current; a policy file is tested then. */
    static final Duration CATCH_UP = Duration.ofMinutes(2);

    private final Netmap netmap;
    private final LongSupplier logHead;

    /** @param logHead the position of the newest event in the log */
    public LiveTailnet(Netmap netmap, LongSupplier logHead) {
        this.netmap = netmap;
        this.logHead = logHead;
    }

    @Override
    public Tailnet get() {
        long head = logHead.getAsLong();
        try {
            netmap.whenAt(head).get(CATCH_UP.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the netmap to catch up with the event log", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the netmap has not caught up with the event log (position " + head
                    + ") within " + CATCH_UP.toSeconds() + " s", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("waiting for the netmap failed", e.getCause());
        }
        return netmap.tailnet();
    }
}
