package dev.chronoscale.auditexport.format;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;

import java.time.Instant;

/**
 * ArcSight Common Event Format, version 0:
 * {@code CEF:0|Chronoscale|Chronoscale|<version>|<action>|<name>|<severity>|<extension>}. Header fields
 * escape {@code \} and {@code |}; extension values escape {@code \}, {@code =} and line breaks.
 */
public final class CefMessage {

    private CefMessage() {
    }

    public static String of(ChainedRecord link, String productVersion) {
        JsonNode r = link.record();
        String action = r.path("action").asText();
        String target = r.path("target").path("type").asText() + " " + r.path("target").path("id").asText();
        StringBuilder cef = new StringBuilder("CEF:0|Chronoscale|Chronoscale|")
                .append(header(productVersion)).append('|').append(header(action)).append('|')
                .append(header(action + " " + target)).append('|').append(severity(action)).append('|');
        extension(cef, "rt", Long.toString(Instant.parse(r.path("time").asText()).toEpochMilli()));
        extension(cef, "externalId", r.path("id").asText());
        extension(cef, "act", action);
        extension(cef, "suser", r.path("actor").path("id").asText());
        extension(cef, "cs1Label", "actorType");
        extension(cef, "cs1", r.path("actor").path("type").asText());
        extension(cef, "cs2Label", "via");
        extension(cef, "cs2", r.path("origin").path("via").asText());
        if (!r.path("origin").path("address").isNull()) {
            extension(cef, "src", EcsDocument.hostOf(r.path("origin").path("address").asText()));
        }
        extension(cef, "cs3Label", "targetType");
        extension(cef, "cs3", r.path("target").path("type").asText());
        extension(cef, "cs4Label", "targetId");
        extension(cef, "cs4", r.path("target").path("id").asText());
        if (!r.path("target").path("name").isNull()) {
            extension(cef, "cs5Label", "targetName");
            extension(cef, "cs5", r.path("target").path("name").asText());
        }
        if (!r.path("reason").isNull()) {
            extension(cef, "reason", r.path("reason").asText());
        }
        extension(cef, "cn1Label", "chainPosition");
        extension(cef, "cn1", Long.toString(link.position()));
        extension(cef, "cs6Label", "chainHash");
        extension(cef, "cs6", link.hash());
        return cef.toString().stripTrailing();
    }

    /** Deletions and changes of access (keys, policy) rank higher than renames. */
    static int severity(String action) {
        if (action.endsWith(".deleted") || action.startsWith("policy.") || action.startsWith("apikey.")) {
            return 6;
        }
        if (action.startsWith("preauthkey.") || action.startsWith("route.")) {
            return 5;
        }
        return 3;
    }

    static String header(String value) {
        return value.replace("\\", "\\\\").replace("|", "\\|").replaceAll("[\\r\\n]+", " ");
    }

    static String extensionValue(String value) {
        return value.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r");
    }

    private static void extension(StringBuilder cef, String key, String value) {
        cef.append(key).append('=').append(extensionValue(value)).append(' ');
    }
}
