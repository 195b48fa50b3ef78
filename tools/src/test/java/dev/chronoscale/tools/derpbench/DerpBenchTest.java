package dev.chronoscale.tools.derpbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.server.DerpServer;
import dev.chronoscale.derp.server.DerpServerConfig;
import dev.chronoscale.derp.standalone.StandaloneDerpServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A very short benchmark run against our relay: it must relay packets and print a line per size. */
class DerpBenchTest {
    @Test
    void measuresDeliveredPacketsAndPrintsAReport() throws Exception {
        try (StandaloneDerpServer relay = StandaloneDerpServer.start(
                new DerpServer(DerpServerConfig.defaults(NodePrivateKey.generate())),
                StandaloneDerpServer.Listeners.plain(new InetSocketAddress("127.0.0.1", 0)))) {
            URI url = URI.create("http://127.0.0.1:" + relay.httpAddress().getPort() + "/derp");
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            List<DerpBenchResult> results = new DerpBench().run(DerpBenchOptions.defaults(url).withPairs(1)
                    .withRuns(3, Duration.ofMillis(200), Duration.ofMillis(100)), new PrintStream(text, true));
            assertThat(results).extracting(DerpBenchResult::packetSize).containsExactly(100, 1300);
            for (DerpBenchResult r : results) {
                assertThat(r.runs()).hasSize(3);
                assertThat(r.packetsPerSecond()).isPositive();
                assertThat(r.megabytesPerSecond()).isEqualTo(r.packetsPerSecond() * r.packetSize() / 1e6);
            }
            assertThat(text.toString()).contains("packets/s").contains("   100 B").contains("  1300 B");
        }
    }

    @Test
    void medianOfOddAndEvenRunCounts() {
        assertThat(DerpBench.median(new double[] {5, 1, 3})).isEqualTo(3);
        assertThat(DerpBench.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    }
}
