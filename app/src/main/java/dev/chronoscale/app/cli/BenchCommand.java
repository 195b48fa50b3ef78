package dev.chronoscale.app.cli;

import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.tools.client.ServerKeyLookup;
import dev.chronoscale.tools.historybench.HistoryBenchOptions;
import dev.chronoscale.tools.historybench.HistoryBenchmark;
import dev.chronoscale.tools.historybench.HistoryStore;
import dev.chronoscale.tools.loadgen.MapBenchmark;
import dev.chronoscale.tools.loadgen.ServerHeap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "bench", description = "Load tests against a control server.", subcommands = {BenchCommand.Map.class, BenchCommand.Derp.class,
        BenchCommand.History.class, BenchCommand.Reports.class})
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

        @Option(names = "--api-key", description = "An API key of the server under test: also times a policy change "
                + "(the bench puts a policy in force that allows every node one random port).")
        String apiKey;

        @Option(names = "--metrics", description = "The server's Prometheus metrics URL (ours: metrics_listen_addr, "
                + "e.g. http://127.0.0.1:9090/metrics): prints its heap with all nodes connected.")
        URI metrics;

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
                    concurrency, Duration.ofSeconds(timeoutSeconds)).run(nodes, System.err,
                    java.util.Optional.ofNullable(apiKey).map(this::policyPublisher),
                    java.util.Optional.ofNullable(metrics).map(ServerHeap::new));
            System.out.printf("nodes:                          %d%n", result.nodes());
            System.out.printf("all first maps:                 %d ms%n", result.allFirstMaps().toMillis());
            System.out.printf("endpoint change to all peers:   %s%n", result.endpointChange());
            System.out.printf("policy change to all streams:   %s%n", result.policyChange().map(Object::toString)
                    .orElse("not measured (give --api-key to let the bench set a policy)"));
            System.out.printf("server heap:                    %s%n", result.serverHeap()
                    .orElse("not measured (give --metrics with the server's Prometheus URL)"));
            return 0;
        }

        private MapBenchmark.PolicyPublisher policyPublisher(String key) {
            return text -> {
                String body = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode().put("policy", text).toString();
                try (HttpClient http = HttpClient.newHttpClient()) {
                    var response = http.send(java.net.http.HttpRequest.newBuilder(server.resolve("/api/v1/policy"))
                                    .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                                    .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
                            java.net.http.HttpResponse.BodyHandlers.ofString());
                    if (response.statusCode() != 200) {
                        throw new CliFailure("setting the bench policy failed: HTTP " + response.statusCode() + " " + response.body());
                    }
                }
            };
        }
    }

    @Command(name = "derp", description = "Relay throughput of any DERP server: pairs of clients send to each other; "
            + "prints packets/s and MB/s (median of the runs) per packet size.")
    static final class Derp implements Callable<Integer> {
        @Option(names = "--url", required = true, description = "The relay, e.g. http://127.0.0.1:8080/derp or https://derp.example.com/derp.")
        URI url;

        @Option(names = "--pairs", defaultValue = "2", description = "Sender/receiver pairs (default ${DEFAULT-VALUE}).")
        int pairs;

        @Option(names = "--runs", defaultValue = "5", description = "Measured runs per size (default ${DEFAULT-VALUE}).")
        int runs;

        @Option(names = "--seconds", defaultValue = "2", description = "Length of one run (default ${DEFAULT-VALUE}).")
        double seconds;

        @Option(names = "--sizes", split = ",", defaultValue = "100,1300", description = "Packet sizes in bytes (default ${DEFAULT-VALUE}).")
        java.util.List<Integer> sizes;

        @Option(names = "--window", defaultValue = "256", description = "Packets a sender may have in flight (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--insecure", description = "Accept any TLS certificate (self-signed relays).")
        boolean insecure;

        @Override
        public Integer call() throws Exception {
            dev.chronoscale.tools.derpbench.DerpBenchOptions options;
            try {
                options = new dev.chronoscale.tools.derpbench.DerpBenchOptions(url, pairs, sizes, runs,
                        Duration.ofMillis((long) (seconds * 1000)), Duration.ofSeconds(1), window, insecure);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            new dev.chronoscale.tools.derpbench.DerpBench().run(options, System.out);
            return 0;
        }
    }

    @Command(name = "history", description = "Write a long generated history (or reuse one) and time reading it: the raw "
            + "scan of the events table, a full inventory rebuild, and at random instants of the past the inventory, one "
            + "node's netmap, the access matrix for one destination and the diff of the day before.")
    static final class History implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--events", defaultValue = "1000000", description = "Events to generate (default ${DEFAULT-VALUE}).")
        long events;

        @Option(names = "--nodes", defaultValue = "10000", description = "Nodes the tailnet grows to (default ${DEFAULT-VALUE}).")
        int nodes;

        @Option(names = "--reuse", description = "Skip generation when the database already holds a history.")
        boolean reuse;

        @Option(names = "--instants", defaultValue = "5", description = "Instants, drawn at random through the history, at which "
                + "the inventory and the netmap are asked for (default ${DEFAULT-VALUE}).")
        int instants;

        @Option(names = "--netmap-instants", description = "At how many of the first of those instants one node's netmap,"
                + " the access matrix for one destination and the diff of the day before are asked for too (default: all of them).")
        Integer netmapInstants;

        @Option(names = "--snapshot-every", defaultValue = "10000", description = "Take time travel's snapshots every this"
                + " many events before asking, as the server does (0: none, every question replays from the start;"
                + " default ${DEFAULT-VALUE}).")
        long snapshotEvery;

        @Option(names = "--no-rebuild", description = "Skip the full inventory rebuild (it rewrites the store's inventory tables).")
        boolean noRebuild;

        @Override
        public Integer call() throws Exception {
            HistoryStore.Location location = store.location("history-" + events + "-" + nodes);
            try {
                new HistoryBenchmark().run(new HistoryBenchOptions(location, events, nodes, reuse, instants,
                        netmapInstants == null ? instants : netmapInstants, snapshotEvery, !noRebuild), System.out, System.err);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            return 0;
        }
    }

    /**
     * Where a bench's event store is: an H2 file (by default under the temp dir, as {@code bench history} names it),
     * or a JDBC URL.
     */
    static final class StoreOptions {
        @Option(names = "--h2", description = "The H2 database file (default: <tmp>/chronoscale-bench-history/"
                + "history-<events>-<nodes>, as bench history writes it).")
        Path h2;

        @Option(names = "--jdbc-url", description = "A PostgreSQL (or other) JDBC URL instead of an H2 file.")
        String jdbcUrl;

        @Option(names = "--jdbc-user", defaultValue = "postgres", description = "User for --jdbc-url (default ${DEFAULT-VALUE}).")
        String jdbcUser;

        @Option(names = "--jdbc-password", defaultValue = "", description = "Password for --jdbc-url.")
        String jdbcPassword;

        HistoryStore.Location location(String defaultName) {
            return jdbcUrl != null ? new HistoryStore.Location(jdbcUrl, jdbcUser, jdbcPassword)
                    : HistoryStore.Location.h2File(h2 != null ? h2 : Path.of(System.getProperty("java.io.tmpdir"),
                    "chronoscale-bench-history", defaultName));
        }
    }

    private static List<dev.chronoscale.compliance.ReportKind> kinds(List<String> names) {
        List<dev.chronoscale.compliance.ReportKind> kinds = new ArrayList<>();
        for (String name : names) {
            kinds.add(dev.chronoscale.compliance.ReportKind.byId(name).orElseThrow(() -> new CliFailure("--only " + name
                    + ": not a report")));
        }
        return kinds;
    }

    @Command(name = "report", description = "Time every compliance report on a store of 'bench history' (a year, 10,000 nodes):"
            + " the audit chain is brought up to the log first, then each report is built at the log's last instant (the"
            + " period reports over the period before it) and written in every format.")
    static final class Reports implements Callable<Integer> {
        @Mixin
        StoreOptions store;

        @Option(names = "--repeat", defaultValue = "3", description = "Builds of each report timed after the first (default ${DEFAULT-VALUE}).")
        int repeat;

        @Option(names = "--period-days", defaultValue = "365", description = "The period of the period reports (default ${DEFAULT-VALUE}).")
        int periodDays;

        @Option(names = "--only", split = ",", description = "Time only these reports (e.g. access-changes,keys).")
        List<String> only = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            HistoryStore.Location location = store.location("history-1000000-10000");
            Path key = Path.of(System.getProperty("java.io.tmpdir"), "chronoscale-bench-history", "audit-signing.key");
            java.nio.file.Files.createDirectories(key.getParent());
            try {
                new dev.chronoscale.tools.reportbench.ReportBenchmark().run(new dev.chronoscale.tools.reportbench.ReportBenchmark.Options(
                        location, key, repeat, java.time.Duration.ofDays(periodDays), kinds(only)), System.out, System.err);
            } catch (IllegalArgumentException e) {
                throw new CliFailure(e.getMessage());
            }
            return 0;
        }
    }
}
