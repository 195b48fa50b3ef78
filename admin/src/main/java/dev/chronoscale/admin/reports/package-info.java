/**
 * Compliance reports as an operator asks for them: generated from the compliance module's builders over the audit
 * chain ({@link dev.chronoscale.admin.reports.ChainTrail}), signed with the audit key, and recorded as an event.
 */
package dev.chronoscale.admin.reports;
