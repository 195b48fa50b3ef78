package dev.chronoscale.compliance.reports;

import dev.chronoscale.compliance.trail.AuditTrail;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.history.TailnetHistory;
import dev.chronoscale.netmap.access.AccessMatrix;

/**
 * What the reports are computed from, and what they name as their origin: the tailnet's name, the server and its
 * version.
 */
public record ReportSources(TailnetHistory history, AccessMatrix access, EventLog log, AuditTrail trail,
                            String tailnet, String server, String version, ReportThresholds thresholds) {
}
