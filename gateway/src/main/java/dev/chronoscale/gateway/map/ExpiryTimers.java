package dev.chronoscale.gateway.map;

import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapChange;
import dev.chronoscale.netmap.NetmapListener;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NetmapView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A node key expiring is no event (time passing is not a change anyone made), yet the node must be told and its
 * peers must drop it: a timer per node key with an expiry does at the expiry what an update would.
 */
final class ExpiryTimers implements NetmapListener {

    private final Netmap netmap;
    private final ChangeFanOut fanOut;
    private final Clock clock;
    private final ScheduledExecutorService timers;

    ExpiryTimers(Netmap netmap, ChangeFanOut fanOut, Clock clock, ScheduledExecutorService timers) {
        this.netmap = netmap;
        this.fanOut = fanOut;
        this.clock = clock;
        this.timers = timers;
    }

    @Override
    public void changed(NetmapChange change, NetmapView view) {
        if (change instanceof NetmapChange.Joined joined) {
            watch(joined.node(), clock.instant());
        } else if (change instanceof NetmapChange.Updated updated
                && !updated.after().expiry().equals(updated.before().expiry())) {
            watch(updated.after(), clock.instant());
        }
    }

    private void watch(NetmapNode node, Instant now) {
        node.expiry().filter(now::isBefore).ifPresent(expiry -> timers.schedule(() -> reached(node.id(), expiry),
                Duration.between(now, expiry).toMillis() + 1, TimeUnit.MILLISECONDS));
    }

    private void reached(long nodeId, Instant expiry) {
        netmap.read(view -> {
            view.node(nodeId).filter(node -> node.expiry().equals(Optional.of(expiry))).ifPresent(node ->
                    fanOut.nodeUpdated(node.withExpiry(Optional.empty()), node, view, clock.instant()));
            return null;
        });
    }
}
