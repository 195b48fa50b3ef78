package dev.chronoscale.admin.reports;

import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One of {@code compliance.schedules} as operators may see it: what runs, when and in which formats. Whether it posts
 * to a webhook, but not the webhook's URL, which may carry a token.
 *
 * @param period how much before each run the report covers; empty for the reports of an instant
 */
public record ReportSchedule(String name, ReportKind kind, String cron, Optional<Duration> period, List<ReportFormat> formats,
                             boolean webhook) {

    public ReportSchedule {
        formats = List.copyOf(formats);
    }
}
