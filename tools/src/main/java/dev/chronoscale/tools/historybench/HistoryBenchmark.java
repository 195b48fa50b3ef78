package dev.chronoscale.tools.historybench;

import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.RawEventScan;
import dev.chronoscale.history.HistorySnapshots;
import dev.chronoscale.history.SnapshotTaker;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryProjection;
import dev.chronoscale.inventory.InventoryRebuilder;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.tools.historygen.HistoryGenerator;
import dev.chronoscale.tools.historygen.HistoryShape;
import dev.chronoscale.tools.loadgen.LatencySummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

/**
 * Measures reading a long history: generation (unless reused), the raw scan of the events table, a full inventory
 * rebuild through {@link BoundedReplay} (into the store's own inventory tables, as the server rebuilds), and the
 * {@link Questions} at random instants of the history. Prints the figures; judges none of them.
 */
public final class HistoryBenchmark {

    private static final int FETCH_SIZE = 10_000;
    private static final long SEED = 20261203L;
    private static final int WARM_UP_INSTANTS = 10;

    public void run(HistoryBenchOptions options, PrintStream out, PrintStream progress) throws SQLException {
        try (HistoryStore store = HistoryStore.open(options.store())) {
            out.printf(Locale.ROOT, "store: %s%n", options.store());
            generate(store, options, out, progress);
            RawEventScan.Result scan = RawEventScan.scan(store.data(), FETCH_SIZE);
            out.printf(Locale.ROOT, "raw scan:      %,d rows, %.1f MB in %.2f s: %,.0f rows/s, %.1f MB/s%n", scan.rows(),
                    scan.bytes() / 1e6, seconds(scan.took()), scan.rowsPerSecond(), scan.megabytesPerSecond());
            if (options.rebuild()) {
                rebuild(store, out, progress);
            }
            TailnetHistory history = options.snapshotEvery() > 0
                    ? new TailnetHistory(store.replay(), Clock.systemUTC(), HistoryBenchmark::compiler,
                            snapshots(store, options.snapshotEvery(), out))
                    : new TailnetHistory(store.replay(), Clock.systemUTC(), HistoryBenchmark::compiler);
            List<Instant> instants = randomInstants(scan.first(), scan.last(), options.instants(), new Random(SEED));
            Questions questions = new Questions(history);
            questions.warmUp(randomInstants(scan.first(), scan.last(), WARM_UP_INSTANTS, new Random(SEED + 1)));
            report(out, "inventoryAt", time(instants, questions::inventory));
            List<Instant> netmapInstants = instants.subList(0, options.netmapInstants());
            if (!netmapInstants.isEmpty()) {
                report(out, "netmap node", time(netmapInstants, questions::nodeNetmap));
                report(out, "access dst", time(netmapInstants, questions::accessToOneNode));
                report(out, "diff 1 day", time(netmapInstants, questions::dayBefore));
            }
        }
    }

    private static NetmapCompiler compiler() {
        return new NetmapCompiler("http://127.0.0.1:8080");
    }

    /** Takes every snapshot due (none are taken again when the store already holds them) and reports their cost. */
    private static HistorySnapshots snapshots(HistoryStore store, long every, PrintStream out) {
        JdbcTemplate jdbc = new JdbcTemplate(store.data());
        HistorySnapshots snapshots = new HistorySnapshots(jdbc, Clock.systemUTC());
        long started = System.nanoTime();
        SnapshotTaker.Result taken = new SnapshotTaker(store.replay(), snapshots, Clock.systemUTC(), every).catchUp();
        double took = (System.nanoTime() - started) / 1e9;
        Long count = jdbc.queryForObject("SELECT COUNT(*) FROM history_snapshot", Long.class);
        Map<String, Object> bytes = jdbc.queryForMap("SELECT COALESCE(SUM(OCTET_LENGTH(inventory)), 0) AS inventory,"
                + " COALESCE(SUM(OCTET_LENGTH(state)), 0) AS state, COALESCE(SUM(OCTET_LENGTH(sessions)), 0) AS sessions"
                + " FROM history_snapshot");
        double inventory = ((Number) bytes.get("inventory")).doubleValue() / 1e6;
        double state = ((Number) bytes.get("state")).doubleValue() / 1e6;
        double sessions = ((Number) bytes.get("sessions")).doubleValue() / 1e6;
        out.printf(Locale.ROOT, "snapshots:     %d taken now (%,d events replayed in %.1f s); %d stored, %.1f MB (inventory"
                        + " images %.1f MB, netmap state %.1f MB, sessions %.1f MB)%n", taken.taken(), taken.replayed(), took,
                count, inventory + state + sessions, inventory, state, sessions);
        return snapshots;
    }

    private static void generate(HistoryStore store, HistoryBenchOptions options, PrintStream out, PrintStream progress) {
        long head = store.log().headPosition();
        if (head >= 0 && options.reuse()) {
            out.printf(Locale.ROOT, "generation:    skipped (--reuse: the store holds %,d events)%n",
                    store.log().countBetween(-1, head));
            return;
        }
        if (head >= 0) {
            throw new IllegalArgumentException(options.store() + " already holds a history: give --reuse to measure it,"
                    + " or another database");
        }
        HistoryGenerator.Generated written = HistoryGenerator.write(HistoryShape.of(options.events(), options.nodes()),
                store.engine(), (done, total) -> progress.printf(Locale.ROOT, "\rgenerating: %,d / %,d", done, total));
        progress.println();
        out.printf(Locale.ROOT, "generation:    %,d events (%,d nodes, %,d users at the end, %s to %s) in %.1f s: %,.0f events/s%n",
                written.events(), written.nodes(), written.users(), written.first(), written.last(),
                seconds(written.took()), written.eventsPerSecond());
    }

    private static void rebuild(HistoryStore store, PrintStream out, PrintStream progress) {
        JdbcTemplate jdbc = new JdbcTemplate(store.data());
        InventoryRebuilder rebuilder = new InventoryRebuilder(store.replay(), new InventoryProjection(jdbc),
                new TransactionTemplate(new DataSourceTransactionManager(store.data())));
        long started = System.nanoTime();
        long events = rebuilder.rebuild((done, total) -> {
            if (done % 100_000 == 0) {
                progress.printf(Locale.ROOT, "\rrebuilding: %,d / %,d", done, total);
            }
        });
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        progress.println();
        out.printf(Locale.ROOT, "rebuild:       %,d events in %.1f s: %,.0f events/s%n", events, seconds(took),
                events / Math.max(1e-9, seconds(took)));
    }

    /**
     * {@code count} instants drawn at random between the first event's and the last's, in order: an instant falls
     * anywhere between two snapshots, as a user's question does, not on one.
     */
    static List<Instant> randomInstants(Instant first, Instant last, int count, Random random) {
        long span = Duration.between(first, last).toMillis();
        List<Instant> instants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            instants.add(first.plusMillis(1 + (long) (random.nextDouble() * (span - 1))));
        }
        instants.sort(null);
        return instants;
    }

    private static List<InstantTiming> time(List<Instant> instants, Function<Instant, InstantTiming.Answer> question) {
        List<InstantTiming> timings = new ArrayList<>();
        for (Instant instant : instants) {
            long started = System.nanoTime();
            InstantTiming.Answer answer = question.apply(instant);
            timings.add(new InstantTiming(instant, answer, Duration.ofNanos(System.nanoTime() - started)));
        }
        return timings;
    }

    private static void report(PrintStream out, String question, List<InstantTiming> timings) {
        for (InstantTiming timing : timings) {
            out.printf(Locale.ROOT, "%-13s  %s: %,9d events (%,6d replayed), %s, %,7d ms%n", question, timing.instant(),
                    timing.answer().events(), timing.answer().replayed(), timing.answer().size(), timing.took().toMillis());
        }
        LatencySummary summary = LatencySummary.of(timings.stream().map(InstantTiming::took).toList());
        out.printf(Locale.ROOT, "%-13s  p50 %,d ms, max %,d ms (%d instants)%n", question, summary.median().toMillis(),
                summary.max().toMillis(), summary.count());
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }
}
