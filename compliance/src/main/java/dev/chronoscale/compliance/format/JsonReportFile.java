package dev.chronoscale.compliance.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.chronoscale.compliance.evidence.Digests;
import dev.chronoscale.compliance.evidence.Evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * {@code {"report": CONTENT, "evidence": {...}}}: the content JSON as {@link ContentJson} writes it, byte for byte,
 * and the evidence signing those bytes. A reader finds the report member's bytes with a streaming parser, so the
 * digest is over what the file holds, not over a re-serialisation. Any other member (a second {@code report}, say), or
 * anything after the object, is a problem: it is not signed, and a reader of the JSON would take it for the report's.
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
        boolean evidenceRead = false;
        List<String> unsigned = new ArrayList<>();
        boolean following;
        try (JsonParser parser = FACTORY.createParser(file)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return Optional.empty();
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if (field.equals("report") && value == JsonToken.START_OBJECT && reportStart < 0) {
                    reportStart = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    reportEnd = parser.currentTokenLocation().getByteOffset() + 1;
                } else if (field.equals("evidence") && value == JsonToken.START_OBJECT && !evidenceRead) {
                    evidenceRead = true;
                    long start = parser.currentTokenLocation().getByteOffset();
                    parser.skipChildren();
                    long end = parser.currentTokenLocation().getByteOffset() + 1;
                    evidence = Evidence.parse(new String(Arrays.copyOfRange(file, (int) start, (int) end), StandardCharsets.UTF_8));
                } else {
                    unsigned.add(field);
                    parser.skipChildren();
                }
            }
            following = followed(parser);
        } catch (IOException e) {
            return Optional.empty();
        }
        if (reportStart < 0 || evidence.isEmpty()) {
            return Optional.empty();
        }
        String digest = Digests.sha256(file, (int) reportStart, (int) (reportEnd - reportStart));
        List<String> problems = new ArrayList<>();
        if (!digest.equals(evidence.get().contentDigest())) {
            problems.add("the content digest does not match the report's content");
        }
        unsigned.forEach(field -> problems.add("the member \"" + field + "\" is not signed"));
        if (following) {
            problems.add("the file goes on after its JSON object: what follows is not signed");
        }
        return Optional.of(new SignedFile(ReportFormat.JSON, digest, evidence.get(), problems));
    }

    /** Whether anything but white space follows the file's object (a JSON Lines reader would take it for more). */
    private static boolean followed(JsonParser parser) {
        try {
            return parser.nextToken() != null;
        } catch (IOException e) {
            return true;
        }
    }
}
