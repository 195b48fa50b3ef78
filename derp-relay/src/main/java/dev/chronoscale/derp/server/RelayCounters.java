package dev.chronoscale.derp.server;

import java.util.concurrent.atomic.LongAdder;

/** The relay's running counters, updated from every event loop without contention. */
final class RelayCounters {
    final LongAdder packetsRelayed = new LongAdder();
    final LongAdder bytesRelayed = new LongAdder();
    final LongAdder packetsForwardedToMesh = new LongAdder();
    final LongAdder droppedUnknownNode = new LongAdder();
    final LongAdder droppedQueueFull = new LongAdder();

    RelayStatistics snapshot(int connectedNodes) {
        return new RelayStatistics(connectedNodes, packetsRelayed.sum(), bytesRelayed.sum(),
                packetsForwardedToMesh.sum(), droppedUnknownNode.sum(), droppedQueueFull.sum());
    }
}
