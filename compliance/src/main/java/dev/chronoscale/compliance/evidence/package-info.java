/**
 * What makes a report evidence: the SHA-256 digest of the bytes a format signs, the digest of the content (the same
 * for every format of one report), the audit-chain head the report was computed from, and an Ed25519 signature over
 * all of them with the audit signing key. {@link dev.chronoscale.compliance.evidence.ReportVerifier} checks them
 * offline.
 */
package dev.chronoscale.compliance.evidence;
