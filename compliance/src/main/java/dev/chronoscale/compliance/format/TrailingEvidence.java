package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Evidence as the last line of a document that tolerates one (a comment after HTML's {@code </html>}, a comment after
 * PDF's {@code %%EOF}): the digest is over every byte before that line. Bytes after it are a problem: they are not
 * signed, yet a browser shows markup after {@code </html>} and a PDF reader applies an update appended to the file.
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
        int jsonEnd = indexOf(file, end, jsonStart);
        if (jsonEnd < 0) {
            return Optional.empty();
        }
        int following = file.length - jsonEnd - end.length;
        List<String> problems = following == 0 ? List.of()
                : List.of(following + " bytes follow the evidence: they are not signed");
        return Evidence.parse(new String(file, jsonStart, jsonEnd - jsonStart, StandardCharsets.UTF_8))
                .map(evidence -> new SignedFile(format, Digests.sha256(file, 0, at), evidence, problems));
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

    /** Where the evidence line ends: its JSON is one line, with no {@code -->} in it. */
    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
