package dev.chronoscale.derp.server;

/**
 * Counters of one relay since it started, for metrics and the admin API.
 *
 * @param connectedNodes          distinct node keys connected here now (mesh peers included)
 * @param packetsRelayed          packets queued for a local receiver (sent here or forwarded by a mesh peer)
 * @param bytesRelayed            their packet bytes
 * @param packetsForwardedToMesh  packets handed to a mesh link for a node on another relay of the region
 * @param droppedUnknownNode      packets for nodes neither here nor in the region
 * @param droppedQueueFull        packets dropped from a full per-client queue (slow or flooded receivers)
 */
public record RelayStatistics(int connectedNodes, long packetsRelayed, long bytesRelayed, long packetsForwardedToMesh,
        long droppedUnknownNode, long droppedQueueFull) {
}
