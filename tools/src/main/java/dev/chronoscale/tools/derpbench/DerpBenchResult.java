package dev.chronoscale.tools.derpbench;

import java.util.List;

/** Median throughput for one packet size, and the individual runs it came from. */
public record DerpBenchResult(int packetSize, double packetsPerSecond, double megabytesPerSecond,
        double deliveredFraction, List<Run> runs) {

    /** One measured run: packets sent by all senders and received by all receivers. */
    public record Run(long sent, long received, double seconds) {
        public double packetsPerSecond() {
            return received / seconds;
        }
    }
}
