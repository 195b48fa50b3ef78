package dev.chronoscale.tools.derpbench;

import dev.chronoscale.derp.client.DerpClient;
import dev.chronoscale.derp.client.DerpClientListener;
import dev.chronoscale.derp.client.DerpClientOptions;
import dev.chronoscale.derp.crypto.NodePrivateKey;
import dev.chronoscale.derp.frame.RecvPacket;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Relay throughput, measured from the outside against any DERP server URL (ours, Tailscale's derper,
 * Headscale's embedded one), so relays can be compared in the same run on the same machine.
 *
 * <p>Pairs of clients connect; each sender sends to its receiver as fast as the relay delivers, with a
 * bounded number of packets in flight (see {@link PacketPump}); receivers count delivered packets. Each packet size gets a warm-up, then several timed runs; the median run is
 * reported as packets/s and MB/s (10^6 bytes of packet payload per second, delivered). A relay may drop
 * packets under overload (derper does too), so the delivered fraction is printed alongside.
 *
 * <p>Entry point for the application's CLI: {@code new DerpBench().run(options, System.out)}.
 */
public final class DerpBench {

    public List<DerpBenchResult> run(DerpBenchOptions options, PrintStream out) throws Exception {
        out.printf(Locale.ROOT, "DERP benchmark against %s: %d client pair(s), window %d packets, median of %d run(s)"
                + " of %.1f s%n", options.url(), options.pairs(), options.window(), options.runs(),
                options.runLength().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "%8s %14s %10s %10s%n", "packet", "packets/s", "MB/s", "delivered");
        EventLoopGroup group = new NioEventLoopGroup(Math.max(2, Math.min(options.pairs() * 2,
                Runtime.getRuntime().availableProcessors())));
        List<DerpBenchResult> results = new ArrayList<>();
        try {
            for (int size : options.packetSizes()) {
                DerpBenchResult r = measure(group, options, size);
                results.add(r);
                out.printf(Locale.ROOT, "%6d B %14.0f %10.1f %9.1f%%%n", size, r.packetsPerSecond(),
                        r.megabytesPerSecond(), 100 * r.deliveredFraction());
            }
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
        return results;
    }

    private DerpBenchResult measure(EventLoopGroup group, DerpBenchOptions options, int size) throws Exception {
        LongAdder sent = new LongAdder();
        LongAdder received = new LongAdder();
        List<DerpClient> clients = new ArrayList<>();
        List<PacketPump> pumps = new ArrayList<>();
        try {
            byte[] packet = new byte[size];
            ThreadLocalRandom.current().nextBytes(packet);
            packet[0] = 0x04; // looks like WireGuard transport data, never like disco
            DerpClientListener ignore = (client, frame) -> { };
            for (int i = 0; i < options.pairs(); i++) {
                NodePrivateKey receiverKey = NodePrivateKey.generate();
                DerpClient sender = connect(group, options, NodePrivateKey.generate(), ignore);
                PacketPump[] pump = new PacketPump[1];
                DerpClient receiver = connect(group, options, receiverKey, (client, frame) -> {
                    if (frame instanceof RecvPacket && pump[0] != null) {
                        pump[0].onDelivered();
                    }
                });
                pump[0] = new PacketPump(sender, receiverKey.publicKey(), packet, options.window(), sent, received);
                clients.add(receiver);
                clients.add(sender);
                pumps.add(pump[0]);
            }
            // A relay registers a client before its ServerInfo, so connected receivers are reachable now.
            pumps.forEach(PacketPump::start);
            Thread.sleep(options.warmUp().toMillis());
            List<DerpBenchResult.Run> runs = new ArrayList<>();
            for (int i = 0; i < options.runs(); i++) {
                long s0 = sent.sum();
                long r0 = received.sum();
                long t0 = System.nanoTime();
                Thread.sleep(options.runLength().toMillis());
                long r1 = received.sum();
                long s1 = sent.sum();
                double seconds = (System.nanoTime() - t0) / 1e9;
                runs.add(new DerpBenchResult.Run(s1 - s0, r1 - r0, seconds));
            }
            double[] pps = runs.stream().mapToDouble(DerpBenchResult.Run::packetsPerSecond).sorted().toArray();
            double median = median(pps);
            long totalSent = runs.stream().mapToLong(DerpBenchResult.Run::sent).sum();
            long totalReceived = runs.stream().mapToLong(DerpBenchResult.Run::received).sum();
            double delivered = totalSent == 0 ? 0 : Math.min(1.0, (double) totalReceived / totalSent);
            return new DerpBenchResult(size, median, median * size / 1e6, delivered, List.copyOf(runs));
        } finally {
            pumps.forEach(PacketPump::stop);
            clients.forEach(DerpClient::close);
        }
    }

    private static DerpClient connect(EventLoopGroup group, DerpBenchOptions options, NodePrivateKey key,
            DerpClientListener listener) throws Exception {
        return DerpClient.connect(group, DerpClientOptions.of(options.url(), key)
                .withInsecureTls(options.insecureTls()), listener).get(10, TimeUnit.SECONDS);
    }

    static double median(double[] sorted) {
        double[] s = sorted.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
