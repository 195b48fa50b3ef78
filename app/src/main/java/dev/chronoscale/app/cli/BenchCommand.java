package dev.chronoscale.app.cli;

import dev.chronoscale.gateway.client.ServerKeyLookup;
import dev.chronoscale.gateway.loadgen.MapBenchmark;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Load tests against a control server.", subcommands = BenchCommand.Map.class)
final class BenchCommand {

    @Command(name = "map", description = "Connect N synthetic nodes over the real protocol; time the first maps "
            + "and the spread of one endpoint change.")
    static final class Map implements Callable<Integer> {
        @Option(names = "--server", required = true, description = "Server URL, e.g. http://127.0.0.1:8080 (ours or any control server).")
        URI server;

        @Option(names = "--authkey", required = true, description = "A reusable pre-auth key for the synthetic nodes.")
        String authKey;

        @Option(names = "--nodes", defaultValue = "100", description = "How many nodes (default ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--concurrency", defaultValue = "64", description = "Nodes joining at once (default ${DEFAULT-VALUE}).")
        int concurrency;

        @Option(names = "--timeout", defaultValue = "600", description = "Seconds to wait for each phase (default ${DEFAULT-VALUE}).")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            boolean tls = "https".equals(server.getScheme());
            int port = server.getPort() > 0 ? server.getPort() : (tls ? 443 : 80);
            MachinePublicKey key;
            try (HttpClient http = HttpClient.newHttpClient()) {
                key = new ServerKeyLookup(http).noiseKey(server, 115);
            }
            MapBenchmark.Result result = new MapBenchmark(new InetSocketAddress(server.getHost(), port), tls, key, authKey,
                    concurrency, Duration.ofSeconds(timeoutSeconds)).run(nodes, System.err);
            System.out.printf("nodes:                          %d%n", result.nodes());
            System.out.printf("all first maps:                 %d ms%n", result.allFirstMaps().toMillis());
            System.out.printf("endpoint change to all peers:   %s%n", result.endpointChange());
            System.out.printf("policy change to all streams:   not measured (no policy compiler yet)%n");
            return 0;
        }
    }
}
