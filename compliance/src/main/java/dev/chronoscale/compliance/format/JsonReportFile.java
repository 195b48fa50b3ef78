package dev.chronoscale.compliance.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code {"report": CONTENT, "evidence": {...}}}: the content JSON as {@link ContentJson} writes it, byte for byte,
 * and the evidence signing those bytes. A reader finds the report member's bytes with a streaming parser, so the
 * digest is over what the file holds, not over a re-serialisation.
 */
final class JsonReportFile {

    private static final JsonFactory FACTORY = new JsonFactory();

    private JsonReportFile() {
    }

    static byte[] write(byte[] content, Evidence evidence) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 1024);
        out.writeBytes("{\"report\": ".getBytes(StandardCharsets.UTF_8));
        out.writeBytes(content);
        out.writeBytes((",\n\"evidence\": " + evidence.toJson() + "}\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static Optional<SignedFile> read(byte[] file) {
        long reportStart = -1;
        long reportEnd = -1;
        Optional<Evidence> evidence = Optional.empty();
        try (JsonParser parser = FACTORY.createParser(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("report") && value == JsonToken.START_OBJECT) {
                    reportStart = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    reportEnd = parser.currentTokenLocation().getByteOffset() + 1;
                } else if (field.equals("evidence") && value == JsonToken.START_OBJECT) {
                    long start = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    long end = parser.currentTokenLocation().getByteOffset() + 1;
                    evidence = Evidence.parse(new String(Arrays.copyOfRange(file, (int) start, (int) end), StandardCharsets.UTF_8));
                } else {
                    parser.skipChildren();
                }
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        if (reportStart < 0 || evidence.isEmpty()) {
            return Optional.empty();
        }
        String digest = Digests.sha256(file, (int) reportStart, (int) (reportEnd - reportStart));
        List<String> problems = digest.equals(evidence.get().contentDigest()) ? List.of()
                : List.of("the content digest does not match the report's content");
        return Optional.of(new SignedFile(ReportFormat.JSON, digest, evidence.get(), problems));
    }
}
