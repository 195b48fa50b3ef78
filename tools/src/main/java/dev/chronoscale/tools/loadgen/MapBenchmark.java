package dev.chronoscale.tools.loadgen;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.tools.client.Ts2021Client;
import io.netty.channel.nio.NioEventLoopGroup;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code bench map}: connects N synthetic nodes to a control server and measures (1) the time until
 * all N have their first map, and (2) how long one node's endpoint change takes to reach every
 * other node's stream (median and p99 over the receivers).
 */
public final class MapBenchmark {

    /**
     * What was measured; the policy change only when a way to set policies was given, the server's heap
     * (read with every node still connected) only when its metrics were.
     */
    public record Result(int nodes, Duration allFirstMaps, LatencySummary endpointChange,
                         Optional<LatencySummary> policyChange, Optional<String> serverHeap) {
    }

    /** Puts a policy text in force on the server under test (ours: {@code PUT /api/v1/policy}). */
    @FunctionalInterface
    public interface PolicyPublisher {
        void publish(String policyText) throws Exception;
    }

    private final InetSocketAddress server;
    private final MachinePublicKey serverKey;
    private final String authKey;
    private final int concurrentJoins;
    private final Duration timeout;
    private final boolean tls;

    /** @param tls dial {@code /ts2021} over TLS (unverified, as tailscaled does) rather than plain TCP */
    public MapBenchmark(InetSocketAddress server, boolean tls, MachinePublicKey serverKey, String authKey,
                        int concurrentJoins, Duration timeout) {
        this.server = server;
        this.tls = tls;
        this.serverKey = serverKey;
        this.authKey = authKey;
        this.concurrentJoins = concurrentJoins;
        this.timeout = timeout;
    }

    public Result run(int count, PrintStream progress) throws Exception {
        return run(count, progress, Optional.empty(), Optional.empty());
    }

    public Result run(int count, PrintStream progress, Optional<PolicyPublisher> policies,
                      Optional<ServerHeap> heap) throws Exception {
        NioEventLoopGroup group = new NioEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()));
        List<SyntheticNode> nodes = new ArrayList<>();
        try {
            Ts2021Client client = tls ? Ts2021Client.overUnverifiedTls(group) : new Ts2021Client(group);
            Semaphore joining = new Semaphore(concurrentJoins);
            AtomicLong lastReceived = new AtomicLong(System.nanoTime());
            List<CompletableFuture<Long>> firstMaps = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                SyntheticNode node = new SyntheticNode("bench-" + i, lastReceived);
                nodes.add(node);
                joining.acquire();
                CompletableFuture<Long> joined = node.join(client, server, serverKey, authKey);
                joined.whenComplete((id, failure) -> joining.release());
                firstMaps.add(joined);
                if ((i + 1) % 1000 == 0) {
                    progress.printf("%d nodes connecting%n", i + 1);
                }
            }
            CompletableFuture.allOf(firstMaps.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Duration allFirstMaps = Duration.ofNanos(System.nanoTime() - start);
            progress.printf("all %d nodes have their first map after %d ms%n", count, allFirstMaps.toMillis());
            settle(lastReceived, progress);
            LatencySummary endpoint = endpointChange(nodes, firstMaps.get(0).get());
            Optional<LatencySummary> policy = Optional.empty();
            if (policies.isPresent()) {
                settle(lastReceived, progress);
                policy = Optional.of(policyChange(nodes, policies.get()));
            }
            return new Result(count, allFirstMaps, endpoint, policy, heap.map(ServerHeap::read));
        } finally {
            nodes.forEach(SyntheticNode::close);
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /**
     * Waits until no stream has received anything for a second: the joins' trailing peer changes (which the
     * server batches) would otherwise be timed along with the change under test.
     */
    private void settle(AtomicLong lastReceived, PrintStream progress) throws InterruptedException {
        long start = System.nanoTime();
        long quiet = TimeUnit.SECONDS.toNanos(1);
        while (System.nanoTime() - lastReceived.get() < quiet && System.nanoTime() - start < timeout.toNanos()) {
            Thread.sleep(50);
        }
        progress.printf("streams quiet after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }

    /**
     * Puts in force a policy that lets every node reach every other on one port chosen for this run,
     * so every node's packet filter changes; each stream times the message carrying the new filter.
     */
    private LatencySummary policyChange(List<SyntheticNode> nodes, PolicyPublisher policies) throws Exception {
        int port = 20_000 + (int) (Math.random() * 40_000);
        String marker = "\"First\":" + port + ",";
        Map<SyntheticNode, Long> arrivals = new ConcurrentHashMap<>();
        CompletableFuture<Void> allSeen = new CompletableFuture<>();
        for (SyntheticNode node : nodes) {
            node.onDelta(message -> {
                if (message.contains(marker) && arrivals.putIfAbsent(node, System.nanoTime()) == null
                        && arrivals.size() == nodes.size()) {
                    allSeen.complete(null);
                }
            });
        }
        long sent = System.nanoTime();
        policies.publish("{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:" + port + "\"]}]}");
        allSeen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return LatencySummary.of(arrivals.values().stream().map(at -> Duration.ofNanos(at - sent)).toList());
    }

    /** Node 0 reports a new endpoint; every other stream times the patch that carries it. */
    private LatencySummary endpointChange(List<SyntheticNode> nodes, long changedNodeId) throws Exception {
        if (nodes.size() < 2) {
            return LatencySummary.of(List.of());
        }
        String endpoint = "198.51.100." + (1 + (int) (Math.random() * 250)) + ":41641";
        String marker = "\"NodeID\":" + changedNodeId + ",";
        Map<SyntheticNode, Long> arrivals = new ConcurrentHashMap<>();
        CompletableFuture<Void> allSeen = new CompletableFuture<>();
        for (SyntheticNode node : nodes.subList(1, nodes.size())) {
            node.onDelta(message -> {
                if (message.contains(marker) && message.contains(endpoint)
                        && arrivals.putIfAbsent(node, System.nanoTime()) == null && arrivals.size() == nodes.size() - 1) {
                    allSeen.complete(null);
                }
            });
        }
        long sent = System.nanoTime();
        nodes.get(0).reportEndpoints(List.of(endpoint)).thenAccept(response -> response.release());
        allSeen.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        return LatencySummary.of(arrivals.values().stream().map(at -> Duration.ofNanos(at - sent)).toList());
    }
}
