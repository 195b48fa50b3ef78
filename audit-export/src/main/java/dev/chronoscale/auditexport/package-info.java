/**
 * Tamper-evident audit trail derived from the event store and its SIEM sinks (syslog, CEF, Splunk HEC, Elastic, OCSF, webhooks). Not built yet: see the issue "Audit trail and SIEM export".
 */
package dev.chronoscale.auditexport;
