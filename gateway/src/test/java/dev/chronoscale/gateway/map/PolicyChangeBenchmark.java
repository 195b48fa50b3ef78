package dev.chronoscale.gateway.map;

import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.tailcfg.DerpMap;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NodeClient;
import dev.chronoscale.netmap.NetmapUser;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Prints what one policy change costs the server with N open map streams, in process (no network, no
 * client): compile, per-node netmaps, the message for each stream, compression. The streams open with no
 * policy in force (every node sees every other); then every node may reach every other on one port, then
 * on another, so every stream gets a new packet filter each time. Last, nodes join under that policy. Run with
 * {@code java -cp <gateway test classpath> dev.chronoscale.gateway.map.PolicyChangeBenchmark 10000}.
 */
public final class PolicyChangeBenchmark {

    private static final Instant NOW = Instant.now();

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 5_000;
        ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
        Netmap netmap = new Netmap();
        MapStreaming streaming = new MapStreaming(netmap, BasePeerRule.ALLOW_ALL,
                new MapSettings("tail.example", DnsSettings.of(true, List.of(), List.of("tail.example")), true,
                        new DerpMap(Map.of()), Duration.ofSeconds(50),
                        Duration.ofHours(1), Duration.ofMillis(250)), Clock.systemUTC(), timers);
        for (long user = 1; user <= 100; user++) {
            netmap.userUpdated(new NetmapUser(user, "user" + user, "User " + user, "user" + user + "@example.com"));
        }
        for (long id = 1; id <= count; id++) {
            netmap.joined(node(id));
        }
        long start = System.nanoTime();
        List<EmbeddedChannel> streams = new ArrayList<>(count);
        long firstMapBytes = 0;
        for (long id = 1; id <= count; id++) {
            EmbeddedChannel stream = new EmbeddedChannel();
            streaming.start(streaming.newSession(id, stream, true));
            firstMapBytes += drain(stream);
            streams.add(stream);
        }
        System.out.printf("%d complete maps: %.0f ms, %d MiB compressed%n", count, (System.nanoTime() - start) / 1e6,
                firstMapBytes >> 20);
        // The streams' batched online flags go out before anything is timed.
        Thread.sleep(streaming.batchDelayNanos() / 1_000_000 + 100);
        for (EmbeddedChannel stream : streams) {
            stream.runPendingTasks();
            drain(stream);
        }

        for (int round = 0; round < 3; round++) {
            System.gc();
            start = System.nanoTime();
            // The first ends the allow-all view the streams started with.
            netmap.policyReplaced(new PolicyParser().parse(allowPort(2000 + round)));
            double took = (System.nanoTime() - start) / 1e6;
            long bytes = 0;
            for (EmbeddedChannel stream : streams) {
                bytes += drain(stream);
            }
            Runtime runtime = Runtime.getRuntime();
            System.out.printf("policy change to %d streams: %.0f ms (%d KiB sent), heap in use %d MiB%n", count, took,
                    bytes >> 10, (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        }
        for (int round = 0; round < 3; round++) {
            long id = count + 1 + round;
            start = System.nanoTime();
            netmap.joined(node(id));
            double took = (System.nanoTime() - start) / 1e6;
            // Peer changes go out in each stream's next batch, at most one batch delay later, from the timers.
            Thread.sleep(streaming.batchDelayNanos() / 1_000_000 + 500);
            long bytes = 0;
            for (EmbeddedChannel stream : streams) {
                stream.runPendingTasks();
                bytes += drain(stream);
            }
            System.out.printf("one node joins under that policy, seen by %d streams: %.0f ms to hand it to the streams"
                    + " (%d KiB sent in their next batch)%n", count, took, bytes >> 10);
        }
        timers.shutdownNow();
    }

    private static String allowPort(int port) {
        return "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:" + port + "\"]}]}";
    }

    private static long drain(EmbeddedChannel stream) {
        long bytes = 0;
        for (Object out; (out = stream.readOutbound()) != null; ) {
            if (out instanceof io.netty.buffer.ByteBufHolder holder) {
                bytes += holder.content().readableBytes();
            }
            ReferenceCountUtil.release(out);
        }
        return bytes;
    }

    private static NetmapNode node(long id) {
        String hex = HexFormat.of().toHexDigits(id).repeat(4);
        String v4 = "100.64." + (id >> 8 & 0xff) + "." + (id & 0xff);
        return new NetmapNode(id, "mkey:" + hex, "nodekey:" + hex, Optional.of("discokey:" + hex), Optional.of(1 + id % 100),
                List.of(), "host" + id, "node" + id, Optional.of(v4), Optional.of("fd7a:115c:a1e0::" + Long.toHexString(id)),
                Optional.empty(), false, List.of("198.51.100.1:41641"), 999, List.of(), List.of(), NOW, NodeClient.UNKNOWN);
    }
}
