package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.evidence.ChainHead;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Builds a report: resolves its period (a devices report without a start covers the threshold's days before its
 * instant), names the audit-chain head at its end, and hands over to the report's builder. The same request on the
 * same log gives the same report.
 */
public final class ReportGenerator {

    private final ReportSources sources;

    public ReportGenerator(ReportSources sources) {
        this.sources = sources;
    }

    public Report generate(ReportRequest request) {
        ReportThresholds thresholds = sources.thresholds();
        Optional<Instant> from = request.from();
        if (request.kind() == ReportKind.DEVICES && from.isEmpty()) {
            from = Optional.of(request.to().minus(Duration.ofDays(thresholds.devicesPeriodDays())));
        }
        ChainHead head = sources.trail().headAt(request.to());
        Map<String, String> parameters = switch (request.kind()) {
            case KEYS -> Map.of("key_max_age_days", String.valueOf(thresholds.keyMaxAgeDays()));
            case DEVICES -> Map.of("dormant_days", String.valueOf(thresholds.dormantDays()));
            default -> Map.of();
        };
        ReportHeader header = new ReportHeader(request.kind().id(), request.kind().title(), sources.tailnet(), from,
                request.to(), sources.server(), sources.version(), head.position(), head.hash(), parameters);
        return switch (request.kind()) {
            case ACCESS_REVIEW -> new AccessReviewReport(sources).build(header);
            case ACCESS_CHANGES -> new AccessChangesReport(sources).build(header);
            case KEYS -> new KeysReport(sources).build(header);
            case ROUTES -> new RoutesReport(sources).build(header);
            case DEVICES -> new DevicesReport(sources).build(header);
            case ADMIN_ACTIVITY -> new AdminActivityReport(sources).build(header);
        };
    }
}
