/**
 * A report's content, the same whatever the format it is written in: a header (what, for which period, from which
 * server and audit-chain position), a summary of figures, and tables whose cells are text.
 */
package dev.chronoscale.compliance.document;
