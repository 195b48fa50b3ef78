package dev.chronoscale.domain.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Parses HuJSON ("human JSON"): JSON plus {@code //} and {@code /* *}{@code /} comments and trailing commas,
 * the format of Tailscale policy files. Duplicate object keys are refused, as Tailscale refuses them.
 */
public final class HuJsonParser {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** A streaming parser over HuJSON bytes, for documents too large to hold as a tree (capture files). */
    public JsonParser streamingParser(byte[] document) throws java.io.IOException {
        return MAPPER.createParser(document);
    }

    /** Parses one HuJSON document; the exception message starts with "line L, column C". */
    public JsonNode parse(String text) throws InvalidPolicyException {
        try (JsonParser parser = MAPPER.createParser(text)) {
            JsonNode root = MAPPER.readTree(parser);
            if (root == null) {
                throw new InvalidPolicyException("line 1, column 1: empty document");
            }
            if (parser.nextToken() != null) {
                JsonLocation at = parser.currentTokenLocation();
                throw new InvalidPolicyException(
                        "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": unexpected content after the document");
            }
            return root;
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ";
            throw new InvalidPolicyException(where + e.getOriginalMessage(), e);
        } catch (java.io.IOException e) {
            throw new InvalidPolicyException("unreadable policy: " + e.getMessage(), e);
        }
    }
}
