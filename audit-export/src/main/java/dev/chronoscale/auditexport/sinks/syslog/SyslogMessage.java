package dev.chronoscale.auditexport.sinks.syslog;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.auditexport.chain.ChainedRecord;

import java.nio.charset.StandardCharsets;

/**
 * One RFC 5424 message:
 * {@code <PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [chronoscale@32473 ...] MSG}.
 * MSGID is the action; the structured data element names the event, actor, target and chain link
 * (32473 is the documentation enterprise number of RFC 5612; rename the SD-ID in your SIEM if you
 * need a registered one). MSG is the JSON record or a CEF line, UTF-8 with a BOM as RFC 5424 asks.
 */
public final class SyslogMessage {

    /** Severity 5, "notice: normal but significant condition". */
    static final int SEVERITY_NOTICE = 5;
    static final String SD_ID = "chronoscale@32473";
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private SyslogMessage() {
    }

    public static byte[] of(ChainedRecord link, int facility, String hostname, String appName, String body) {
        JsonNode r = link.record();
        int pri = facility * 8 + SEVERITY_NOTICE;
        StringBuilder head = new StringBuilder()
                .append('<').append(pri).append(">1 ")
                .append(r.path("time").asText()).append(' ')
                .append(token(hostname, 255)).append(' ')
                .append(token(appName, 48)).append(" - ")
                .append(token(r.path("action").asText(), 32)).append(' ')
                .append('[').append(SD_ID);
        param(head, "id", r.path("id").asText());
        param(head, "action", r.path("action").asText());
        param(head, "actorType", r.path("actor").path("type").asText());
        param(head, "actor", r.path("actor").path("id").asText());
        param(head, "via", r.path("origin").path("via").asText());
        param(head, "targetType", r.path("target").path("type").asText());
        param(head, "target", r.path("target").path("id").asText());
        param(head, "position", Long.toString(link.position()));
        param(head, "hash", link.hash());
        head.append("] ");
        byte[] prefix = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] msg = body.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[prefix.length + BOM.length + msg.length];
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        System.arraycopy(BOM, 0, out, prefix.length, BOM.length);
        System.arraycopy(msg, 0, out, prefix.length + BOM.length, msg.length);
        return out;
    }

    /** PARAM-VALUE escapes '"', '\' and ']'. */
    private static void param(StringBuilder sd, String name, String value) {
        sd.append(' ').append(name).append("=\"")
                .append(value.replace("\\", "\\\\").replace("\"", "\\\"").replace("]", "\\]")).append('"');
    }

    /** Header fields are printable US-ASCII without spaces, "-" when empty. */
    static String token(String value, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : value.toCharArray()) {
            if (c > 32 && c < 127) {
                out.append(c);
            }
        }
        if (out.isEmpty()) {
            return "-";
        }
        return out.length() > max ? out.substring(0, max) : out.toString();
    }

    /** Facility by keyword (RFC 5424 table 1) or number. */
    public static int facility(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "kern" -> 0;
            case "user" -> 1;
            case "daemon" -> 3;
            case "auth" -> 4;
            case "syslog" -> 5;
            case "authpriv" -> 10;
            case "local0" -> 16;
            case "local1" -> 17;
            case "local2" -> 18;
            case "local3" -> 19;
            case "local4" -> 20;
            case "local5" -> 21;
            case "local6" -> 22;
            case "local7" -> 23;
            default -> {
                int number = Integer.parseInt(text);
                if (number < 0 || number > 23) {
                    throw new IllegalArgumentException("facility " + text + " is not 0-23");
                }
                yield number;
            }
        };
    }
}
