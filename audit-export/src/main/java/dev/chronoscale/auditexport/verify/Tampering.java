package dev.chronoscale.auditexport.verify;

/** The kinds of damage {@link ExportVerifier} reports. */
public enum Tampering {
    /** A record's content no longer matches the hash the chain holds for it. */
    EDITED,
    /** A record is missing: the chain skips its position. */
    DELETED,
    /** A record that the signed chain never contained. */
    INSERTED,
    /** Records are present but out of order. */
    REORDERED,
    /** A checkpoint or the seal carries a signature that does not verify with the audit key. */
    BAD_SIGNATURE,
    /** The file is not an export file, or a line is not valid JSON of the documented shape. */
    MALFORMED
}
