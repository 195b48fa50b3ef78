/**
 * Reports for reviews and auditors, computed from the event log's history and the audit trail: access review, access
 * changes, keys, routes, devices and administrative activity ({@link dev.chronoscale.compliance.ReportKind}). Each is a
 * {@link dev.chronoscale.compliance.document.Report} (a header, a summary, tables), written as JSON, CSV, HTML or PDF
 * with its evidence: a SHA-256 digest and an Ed25519 signature over it and the audit-chain head it was computed from.
 */
package dev.chronoscale.compliance;
