package dev.chronoscale.tools.derpbench;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * What to measure.
 *
 * @param url         the relay, e.g. {@code http://127.0.0.1:3340/derp} or {@code https://derp.example.com/derp}
 * @param pairs       sender/receiver client pairs running at once
 * @param packetSizes packet sizes in bytes (DERP payload, as WireGuard would hand it over)
 * @param runs        measured runs per size; the report gives the median
 * @param runLength   length of one measured run
 * @param warmUp      unmeasured sending before the first run of each size
 * @param window      packets a sender may have in flight (sent, not yet received)
 */
public record DerpBenchOptions(URI url, int pairs, List<Integer> packetSizes, int runs, Duration runLength,
        Duration warmUp, int window, boolean insecureTls) {

    public DerpBenchOptions {
        if (pairs < 1 || runs < 1 || window < 1 || packetSizes.isEmpty()) {
            throw new IllegalArgumentException("need at least one pair, one run and one packet size");
        }
        for (int size : packetSizes) {
            if (size < 1 || size > 64 << 10) {
                throw new IllegalArgumentException("packet size must be 1..65536 bytes: " + size);
            }
        }
        packetSizes = List.copyOf(packetSizes);
    }

    /** 2 pairs, 100 B and 1,300 B packets, window 256, 5 runs of 2 s after 1 s of warm-up. */
    public static DerpBenchOptions defaults(URI url) {
        return new DerpBenchOptions(url, 2, List.of(100, 1300), 5, Duration.ofSeconds(2), Duration.ofSeconds(1), 256, false);
    }

    public DerpBenchOptions withPairs(int n) {
        return new DerpBenchOptions(url, n, packetSizes, runs, runLength, warmUp, window, insecureTls);
    }

    public DerpBenchOptions withRuns(int n, Duration length, Duration warm) {
        return new DerpBenchOptions(url, pairs, packetSizes, n, length, warm, window, insecureTls);
    }

    public DerpBenchOptions withPacketSizes(List<Integer> sizes) {
        return new DerpBenchOptions(url, pairs, sizes, runs, runLength, warmUp, window, insecureTls);
    }

    public DerpBenchOptions withWindow(int packets) {
        return new DerpBenchOptions(url, pairs, packetSizes, runs, runLength, warmUp, packets, insecureTls);
    }

    public DerpBenchOptions withInsecureTls(boolean insecure) {
        return new DerpBenchOptions(url, pairs, packetSizes, runs, runLength, warmUp, window, insecure);
    }
}
