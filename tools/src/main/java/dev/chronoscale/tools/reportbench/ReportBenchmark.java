package dev.chronoscale.tools.reportbench;

import dev.chronoscale.admin.reports.AuditKeySigner;
import dev.chronoscale.admin.reports.ChainTrail;
import dev.chronoscale.auditexport.chain.AuditChainAppender;
import dev.chronoscale.auditexport.chain.AuditTrailStore;
import dev.chronoscale.auditexport.chain.LogEventContext;
import dev.chronoscale.auditexport.checkpoint.AuditSigningKey;
import dev.chronoscale.auditexport.delivery.AuditChainFollower;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportTable;
import dev.chronoscale.compliance.format.ReportFiles;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.reports.ReportGenerator;
import dev.chronoscale.compliance.reports.ReportRequest;
import dev.chronoscale.compliance.reports.ReportSources;
import dev.chronoscale.compliance.reports.ReportThresholds;
import dev.chronoscale.eventlog.LoggedEvent;
import dev.chronoscale.history.HistorySnapshots;
import dev.chronoscale.history.SnapshotTaker;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.inventory.InventoryQueries;
import dev.chronoscale.netmap.access.AccessMatrix;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.tools.historybench.HistoryStore;
import dev.chronoscale.tools.loadgen.LatencySummary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Times every report on a store of {@code bench history}: first the audit chain is brought up to the log (as the
 * server's follower does; timed once) and time travel's snapshots are taken where due (as the server's job does), then each report is built for the log's last instant (the period ones over the
 * year before it) a few times, and written in each format once.
 */
public final class ReportBenchmark {

    private static final String SERVER_URL = "http://127.0.0.1:8080";
    /** The server's default, {@code history.snapshot_every_events}. */
    private static final long SNAPSHOT_EVERY = 10_000;

    /** {@code only}: the reports to time, all when empty. */
    public record Options(HistoryStore.Location store, Path signingKey, int repeat, Duration period, List<ReportKind> only) {
    }

    public void run(Options options, PrintStream out, PrintStream progress) {
        try (HistoryStore store = HistoryStore.open(options.store())) {
            out.printf(Locale.ROOT, "store: %s%n", options.store());
            JdbcTemplate jdbc = new JdbcTemplate(store.data());
            AuditTrailStore trailStore = new AuditTrailStore(jdbc);
            AuditSigningKey key = AuditSigningKey.loadOrCreate(options.signingKey());
            AuditChainAppender appender = new AuditChainAppender(store.log(), new LogEventContext(store.log(),
                    new InventoryQueries(jdbc)), trailStore, key,
                    new TransactionTemplate(new DataSourceTransactionManager(store.data())), Clock.systemUTC(),
                    Duration.ofSeconds(1), 500);
            chain(appender, trailStore, out, progress);
            HistorySnapshots snapshots = new HistorySnapshots(jdbc, Clock.systemUTC());
            long snapshotStart = System.nanoTime();
            SnapshotTaker.Result taken = new SnapshotTaker(store.replay(), snapshots, Clock.systemUTC(), SNAPSHOT_EVERY).catchUp();
            out.printf(Locale.ROOT, "snapshots:     %d taken now, as the server's job takes them (%,d events replayed in %.1f s)%n",
                    taken.taken(), taken.replayed(), (System.nanoTime() - snapshotStart) / 1e9);

            long head = store.log().headPosition();
            List<LoggedEvent> lastEvent = store.log().after(head - 1, 1);
            if (lastEvent.isEmpty()) {
                throw new IllegalArgumentException(options.store() + " holds no history: run bench history first");
            }
            Instant end = lastEvent.get(0).time();
            Instant start = end.minus(options.period());
            TailnetHistory history = new TailnetHistory(store.replay(), Clock.systemUTC(), () -> new NetmapCompiler(SERVER_URL),
                    snapshots);
            ReportSources sources = new ReportSources(history, new AccessMatrix(new NetmapCompiler(SERVER_URL)), store.log(),
                    new ChainTrail(trailStore, new AuditChainFollower(appender, List.of(), Duration.ofSeconds(1))),
                    "bench.example", "Chronoscale", "bench", ReportThresholds.DEFAULT);
            ReportGenerator generator = new ReportGenerator(sources);
            AuditKeySigner signer = new AuditKeySigner(key);
            out.printf(Locale.ROOT, "reports at %s; period reports from %s (%d days)%n", end, start, options.period().toDays());
            for (ReportKind kind : options.only().isEmpty() ? List.of(ReportKind.values()) : options.only()) {
                Optional<Instant> from = kind.covers() == ReportKind.Covers.PERIOD ? Optional.of(start) : Optional.empty();
                ReportRequest request = new ReportRequest(kind, from, end);
                List<Duration> builds = new ArrayList<>();
                Report report = null;
                for (int i = 0; i <= options.repeat(); i++) {
                    long started = System.nanoTime();
                    report = generator.generate(request);
                    if (i > 0) {
                        builds.add(Duration.ofNanos(System.nanoTime() - started));
                    } else {
                        out.printf(Locale.ROOT, "%-15s first build %,d ms (cold)%n", kind.id(),
                                Duration.ofNanos(System.nanoTime() - started).toMillis());
                    }
                }
                LatencySummary built = LatencySummary.of(builds);
                out.printf(Locale.ROOT, "%-15s build p50 %,d ms, max %,d ms (%d runs); rows: %s%n", kind.id(),
                        built.median().toMillis(), built.max().toMillis(), builds.size(), rows(report));
                for (ReportFormat format : ReportFormat.values()) {
                    long started = System.nanoTime();
                    ReportFiles.Written file = ReportFiles.write(report, format, signer);
                    out.printf(Locale.ROOT, "%-15s   %-4s %,8d ms  %,12d bytes%n", kind.id(), format.id(),
                            Duration.ofNanos(System.nanoTime() - started).toMillis(), file.bytes().length);
                }
            }
        }
    }

    private static void chain(AuditChainAppender appender, AuditTrailStore trail, PrintStream out, PrintStream progress) {
        long before = trail.head().position();
        long started = System.nanoTime();
        long appended = appender.appendAvailable();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (appended == 0) {
            out.printf(Locale.ROOT, "audit chain:   up to date (%,d records)%n", before);
        } else {
            out.printf(Locale.ROOT, "audit chain:   %,d records appended in %.1f s: %,.0f records/s (%,d now)%n", appended,
                    seconds, appended / Math.max(1e-9, seconds), trail.head().position());
        }
    }

    private static String rows(Report report) {
        return report.tables().stream().map(ReportTable::rows).map(List::size).map(n -> String.format(Locale.ROOT, "%,d", n))
                .collect(Collectors.joining(" / ")) + " (" + report.tables().stream().map(ReportTable::name)
                .collect(Collectors.joining(", ")) + ")";
    }
}
