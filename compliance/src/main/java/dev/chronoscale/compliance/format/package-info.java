/**
 * The files a report is written as ({@link dev.chronoscale.compliance.format.ReportFormat}), each carrying its
 * evidence, and the reading back of that evidence from any of them ({@link dev.chronoscale.compliance.format.ReportFiles}).
 */
package dev.chronoscale.compliance.format;
