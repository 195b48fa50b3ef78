/**
 * The audit trail as the reports read it ({@link dev.chronoscale.compliance.trail.AuditTrail}): records in a period,
 * the last record of an action per target, and the chain's head at an instant. The admin module provides it from the
 * audit chain; the reports never name its tables.
 */
package dev.chronoscale.compliance.trail;
