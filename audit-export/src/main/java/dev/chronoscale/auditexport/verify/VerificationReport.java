package dev.chronoscale.auditexport.verify;

import java.util.Optional;

/**
 * The outcome of verifying an export file: how much was checked and the first problem, if any.
 * {@code keyPinned} says whether the signatures were checked against a key the user supplied
 * (otherwise against the key in the file's header, which proves integrity but not origin).
 */
public record VerificationReport(long recordsChecked, long checkpointsChecked, String publicKey, boolean keyPinned,
                                 Optional<Finding> firstProblem) {

    public boolean intact() {
        return firstProblem.isEmpty();
    }

    /** Where the damage is: the chain position and event id when known, and the file's line number. */
    public record Finding(Tampering kind, long position, Optional<String> eventId, long line, String message) {
    }
}
