package dev.chronoscale.app.server;

import dev.chronoscale.admin.reports.ReportAdmin;
import dev.chronoscale.app.config.ChronoscaleConfig.ReportSchedule;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.trail.TrailRecord;
import dev.chronoscale.domain.audit.AuditContext;
import org.springframework.context.SmartLifecycle;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs {@code compliance.schedules} on one daemon thread: at start (making the runs missed while the server was down)
 * and then every minute. Each run generates the report for the period ending at its fire time, as the system with
 * the schedule's name as the reason (so it is an audit record, which the audit sinks deliver with its digest), writes
 * each format to {@code compliance.reports_dir/NAME/}, and posts it to the schedule's webhook when one is set. The last
 * run of each schedule is read from the log at the first tick, so a restart neither repeats nor skips one; from then on
 * the job keeps it, rather than reading the whole trail every minute.
 */
public final class ScheduledReports implements SmartLifecycle {

    private static final System.Logger LOG = System.getLogger(ScheduledReports.class.getName());
    private static final int MISSED_RUNS_KEPT = 100;
    private static final int WEBHOOK_ATTEMPTS = 3;

    private final List<ReportSchedule> schedules;
    private final ReportAdmin reports;
    private final Path folder;
    private final Clock clock;
    private final BackgroundThread thread = new BackgroundThread("report-schedules");
    /** By schedule and format; null until the first tick reads them from the log. */
    private Map<String, Instant> lastRuns;

    ScheduledReports(List<ReportSchedule> schedules, ReportAdmin reports, Path folder, Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.reports = reports;
        this.folder = folder;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (!schedules.isEmpty()) {
            thread.start(this::runDue, Duration.ofMinutes(1));
        }
    }

    /** Makes every run that is due now; a failed run is logged and made again at the next tick. */
    synchronized void runDue() {
        Instant now = clock.instant();
        if (lastRuns == null) {
            lastRuns = lastRunsInTheLog();
        }
        for (ReportSchedule schedule : schedules) {
            for (ReportFormat format : schedule.formats()) {
                String key = key(schedule.name(), format.id());
                try {
                    for (Instant fireTime : ReportFireTimes.due(schedule.cron(), Optional.ofNullable(lastRuns.get(key)), now,
                            MISSED_RUNS_KEPT)) {
                        run(schedule, format, fireTime);
                        lastRuns.put(key, fireTime);
                    }
                } catch (RuntimeException | IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "scheduled report " + schedule.name() + " (" + format.id()
                            + ") failed; trying again in a minute", e);
                }
            }
        }
    }

    /**
     * The end of the period of each schedule's last run in each format, from the log's records of generations: read
     * once, at the first tick, and kept from then on as this job makes the runs.
     */
    private Map<String, Instant> lastRunsInTheLog() {
        Map<String, Instant> last = new HashMap<>();
        for (TrailRecord record : reports.generated(Optional.empty(), Integer.MAX_VALUE)) {
            String schedule = record.details().path("schedule").asText("");
            if (!schedule.isEmpty()) {
                last.merge(key(schedule, record.details().path("format").asText("")),
                        Instant.parse(record.details().path("to").asText()), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        return last;
    }

    private static String key(String schedule, String format) {
        return schedule + "\u0000" + format;
    }

    private void run(ReportSchedule schedule, ReportFormat format, Instant fireTime) throws IOException {
        Optional<Instant> from = schedule.kind().covers() == ReportKind.Covers.PERIOD || schedule.kind() == ReportKind.DEVICES
                ? Optional.of(fireTime.minus(schedule.period())) : Optional.empty();
        Path into = folder.resolve(schedule.name());
        Files.createDirectories(into);
        ReportAdmin.Generated generated = reports.generate(schedule.kind(), from, fireTime, format,
                AuditContext.system("schedule " + schedule.name()), Optional.of(schedule.name()));
        Path file = into.resolve(generated.fileName());
        Path partial = into.resolve(generated.fileName() + ".partial");
        Files.write(partial, generated.file().bytes());
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        LOG.log(System.Logger.Level.INFO, "scheduled report " + schedule.name() + ": wrote " + file + " (sha256:"
                + generated.file().evidence().digest() + ")");
        schedule.webhookUrl().ifPresent(url -> post(schedule, url, generated));
    }

    private static void post(ReportSchedule schedule, java.net.URI url, ReportAdmin.Generated generated) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30))
                .header("Content-Type", generated.format().mediaType())
                .header("X-Chronoscale-Report", generated.report().header().kind())
                .header("X-Chronoscale-Report-Digest", "sha256:" + generated.file().evidence().digest())
                .header("Content-Disposition", "attachment; filename=\"" + generated.fileName() + "\"")
                .POST(HttpRequest.BodyPublishers.ofByteArray(generated.file().bytes())).build();
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            for (int attempt = 1; attempt <= WEBHOOK_ATTEMPTS; attempt++) {
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 200 && status < 300) {
                        return;
                    }
                    LOG.log(System.Logger.Level.WARNING, "scheduled report " + schedule.name() + ": webhook answered " + status);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.WARNING, "scheduled report " + schedule.name() + ": webhook failed: " + e.getMessage());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            LOG.log(System.Logger.Level.ERROR, "scheduled report " + schedule.name() + ": not delivered to its webhook after "
                    + WEBHOOK_ATTEMPTS + " attempts; the file is in " + generated.fileName());
        }
    }

    @Override
    public synchronized void stop() {
        thread.stop();
    }

    @Override
    public synchronized boolean isRunning() {
        return thread.isRunning();
    }
}
