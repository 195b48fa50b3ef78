package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/** Access matrix rows as RFC 4180 CSV, one row per line after a header, for spreadsheets and reviews. */
final class AccessCsv {

    private static final List<String> HEADER = List.of("source", "source_ips", "destination_id", "destination",
            "destination_addresses", "destination_ips", "protocol", "ports", "rule", "rule_text");

    private AccessCsv() {
    }

    static String of(JsonNode rows) {
        StringBuilder out = new StringBuilder();
        line(out, HEADER);
        rows.forEach(row -> line(out, List.of(row.get("source").asText(), ApiCommand.joined(row.get("sourceIps"), " "),
                row.get("destination").get("id").asText(), row.get("destination").get("name").asText(),
                ApiCommand.joined(row.get("destination").get("addresses"), " "), ApiCommand.joined(row.get("destinationIps"), " "),
                row.get("protocol").asText(), row.get("ports").asText(), row.get("rule").asText(), row.get("ruleText").asText())));
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String field = fields.get(i);
            if (field.contains(",") || field.contains("\"") || field.contains("\n") || field.contains("\r")) {
                out.append('"').append(field.replace("\"", "\"\"")).append('"');
            } else {
                out.append(field);
            }
        }
        out.append("\r\n");
    }
}
