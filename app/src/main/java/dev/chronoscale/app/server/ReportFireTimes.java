package dev.chronoscale.app.server;

import org.springframework.scheduling.support.CronExpression;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * When a scheduled report is due: every fire time of its cron expression (five fields, UTC) after the last run up to
 * now, so runs missed while the server was down are made at its next start, each for its own period; the most
 * recent {@code cap} of them when more were missed. A schedule that never ran is due for its most recent fire time.
 */
final class ReportFireTimes {

    private ReportFireTimes() {
    }

    static List<Instant> due(String cron, Optional<Instant> lastRun, Instant now, int cap) {
        CronExpression expression = CronExpression.parse("0 " + cron);
        if (lastRun.isEmpty()) {
            return latestUpTo(expression, now).map(List::of).orElse(List.of());
        }
        List<Instant> due = new ArrayList<>();
        ZonedDateTime next = expression.next(lastRun.get().atZone(ZoneOffset.UTC));
        while (next != null && !next.toInstant().isAfter(now)) {
            due.add(next.toInstant());
            if (due.size() > cap) {
                due.remove(0);
            }
            next = expression.next(next);
        }
        return due;
    }

    /** The last fire time at or before {@code now}, looking back at most a year and a day. */
    private static Optional<Instant> latestUpTo(CronExpression expression, Instant now) {
        ZonedDateTime start = now.atZone(ZoneOffset.UTC).minusDays(367);
        ZonedDateTime latest = null;
        for (ZonedDateTime next = expression.next(start); next != null && !next.toInstant().isAfter(now);
             next = expression.next(next)) {
            latest = next;
        }
        return Optional.ofNullable(latest).map(ZonedDateTime::toInstant);
    }
}
