package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Evidence as the last line of a document that tolerates one (a comment after HTML's {@code </html>}, a comment after
 * PDF's {@code %%EOF}): the digest is over every byte before that line.
 */
final class TrailingEvidence {

    private final ReportFormat format;
    private final byte[] start;
    private final byte[] end;

    TrailingEvidence(ReportFormat format, String start, String end) {
        this.format = format;
        this.start = start.getBytes(StandardCharsets.US_ASCII);
        this.end = end.getBytes(StandardCharsets.US_ASCII);
    }

    byte[] append(byte[] document, Evidence evidence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(document.length + 1024);
        out.writeBytes(document);
        out.writeBytes(start);
        out.writeBytes(evidence.toJson().getBytes(StandardCharsets.UTF_8));
        out.writeBytes(end);
        return out.toByteArray();
    }

    Optional<SignedFile> read(byte[] file) {
        int at = lastIndexOf(file, start);
        if (at < 0) {
            return Optional.empty();
        }
        int jsonStart = at + start.length;
        int jsonEnd = file.length - end.length;
        if (jsonEnd < jsonStart || !endsWith(file, end)) {
            return Optional.empty();
        }
        return Evidence.parse(new String(file, jsonStart, jsonEnd - jsonStart, StandardCharsets.UTF_8))
                .map(evidence -> new SignedFile(format, Digests.sha256(file, 0, at), evidence, List.of()));
    }

    private static int lastIndexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = haystack.length - needle.length; i >= 0; i--) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean endsWith(byte[] file, byte[] suffix) {
        for (int i = 0; i < suffix.length; i++) {
            if (file[file.length - suffix.length + i] != suffix[i]) {
                return false;
            }
        }
        return true;
    }
}
