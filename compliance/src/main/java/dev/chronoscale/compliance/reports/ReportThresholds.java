package dev.chronoscale.compliance.reports;

/**
 * What the reports flag: keys older than {@code keyMaxAgeDays}; devices not seen for {@code dormantDays}; the period
 * of deletions and expiries a devices report lists when it is not given ({@code devicesPeriodDays}).
 */
public record ReportThresholds(int keyMaxAgeDays, int dormantDays, int devicesPeriodDays) {

    public static final ReportThresholds DEFAULT = new ReportThresholds(90, 30, 90);

    public ReportThresholds {
        if (keyMaxAgeDays < 1 || dormantDays < 1 || devicesPeriodDays < 1) {
            throw new IllegalArgumentException("report thresholds are whole days, at least 1");
        }
    }
}
