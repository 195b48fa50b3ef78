/**
 * The reports themselves, each built from the tailnet as it was ({@link dev.chronoscale.history.TailnetHistory}) and
 * the audit trail, by {@link dev.chronoscale.compliance.reports.ReportGenerator}.
 */
package dev.chronoscale.compliance.reports;
