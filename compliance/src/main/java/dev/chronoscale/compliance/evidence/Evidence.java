package dev.chronoscale.compliance.evidence;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.util.Optional;

/**
 * The evidence a report file carries. {@code digest} is the SHA-256 of the bytes its format signs (the JSON report
 * member, the HTML or PDF before the evidence, the CSV archive's manifest); {@code contentDigest} is the SHA-256 of
 * the report's content as JSON, which every format of the same report shares and the HTML and PDF print. The
 * signature covers the kind, the format, both digests and the chain head.
 */
public record Evidence(String kind, String format, String digest, String contentDigest, long chainPosition,
                       String chainHash, String publicKey, String signature) {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    static final String MESSAGE_PREFIX = "chronoscale-report/1";

    public static String message(String kind, String format, String digest, String contentDigest, long chainPosition,
                                 String chainHash) {
        return MESSAGE_PREFIX + " " + kind + " " + format + " sha256:" + digest + " content-sha256:" + contentDigest
                + " chain:" + chainPosition + ":" + chainHash;
    }

    public String message() {
        return message(kind, format, digest, contentDigest, chainPosition, chainHash);
    }

    public static Evidence sign(String kind, String format, String digest, String contentDigest, ChainHead chain,
                                ReportSigner signer) {
        String signature = signer.sign(message(kind, format, digest, contentDigest, chain.position(), chain.hash()));
        return new Evidence(kind, format, digest, contentDigest, chain.position(), chain.hash(), signer.publicKey(),
                signature);
    }

    /** One line of JSON, fields in a fixed order. */
    public String toJson() {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("kind", kind);
        json.put("format", format);
        json.put("digest", "sha256:" + digest);
        json.put("contentDigest", "sha256:" + contentDigest);
        json.putObject("chain").put("position", chainPosition).put("hash", chainHash);
        json.put("publicKey", publicKey);
        json.put("signature", signature);
        return json.toString();
    }

    /**
     * The evidence written by {@link #toJson()}, or empty when the text is not exactly that (an added member, say, or
     * anything after it but a line end): nothing beside the signed fields is taken as part of the evidence.
     */
    public static Optional<Evidence> parse(String json) {
        return read(json).filter(evidence -> evidence.toJson().equals(json.endsWith("\n")
                ? json.substring(0, json.length() - 1) : json));
    }

    private static Optional<Evidence> read(String json) {
        try {
            JsonNode node = MAPPER.readTree(json);
            if (node == null || !node.isObject()) {
                return Optional.empty();
            }
            return Optional.of(new Evidence(text(node, "kind"), text(node, "format"), hex(node, "digest"),
                    hex(node, "contentDigest"), node.path("chain").path("position").asLong(-1),
                    node.path("chain").path("hash").asText(""), text(node, "publicKey"), text(node, "signature")));
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        if (!node.path(field).isTextual()) {
            throw new IllegalArgumentException("no " + field);
        }
        return node.get(field).asText();
    }

    private static String hex(JsonNode node, String field) {
        String value = text(node, field);
        if (!value.startsWith("sha256:")) {
            throw new IllegalArgumentException(field + " is not sha256:...");
        }
        return value.substring("sha256:".length());
    }
}
