package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.Evidence;

import java.util.List;

/**
 * What a report file holds, read back: its format, the SHA-256 of the bytes its format signs as they are now, the
 * evidence it carries, and what is wrong with its structure (a manifest that does not match an entry, say).
 */
public record SignedFile(ReportFormat format, String digest, Evidence evidence, List<String> problems) {

    public SignedFile {
        problems = List.copyOf(problems);
    }
}
