package dev.chronoscale.compliance.format;

import dev.chronoscale.compliance.document.Report;
import dev.chronoscale.compliance.document.ReportHeader;
import dev.chronoscale.compliance.document.ReportTable;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A report's content as JSON (schema {@code chronoscale.report/1}, docs/compliance.md), written by hand so that the
 * bytes depend on the content alone: members in a fixed order, one table row per line, strings escaped as RFC 8259
 * requires and nothing more. Its SHA-256 is the content digest every format of the report carries.
 */
public final class ContentJson {

    public static final String SCHEMA = "chronoscale.report/1";

    private ContentJson() {
    }

    public static byte[] of(Report report) {
        StringBuilder out = new StringBuilder(4096);
        ReportHeader header = report.header();
        out.append("{\n");
        member(out, "schema", SCHEMA);
        member(out, "kind", header.kind());
        member(out, "title", header.title());
        member(out, "tailnet", header.tailnet());
        out.append("  \"period\": {\"from\": ").append(header.from().map(f -> quote(f.toString())).orElse("null"))
                .append(", \"to\": ").append(quote(header.to().toString())).append("},\n");
        out.append("  \"generatedBy\": {\"server\": ").append(quote(header.server())).append(", \"version\": ")
                .append(quote(header.version())).append("},\n");
        out.append("  \"chain\": {\"position\": ").append(header.chainPosition()).append(", \"hash\": ")
                .append(quote(header.chainHash())).append("},\n");
        out.append("  \"parameters\": {");
        String separator = "";
        for (Map.Entry<String, String> parameter : header.sortedParameters().entrySet()) {
            out.append(separator).append(quote(parameter.getKey())).append(": ").append(quote(parameter.getValue()));
            separator = ", ";
        }
        out.append("},\n");
        out.append("  \"summary\": [");
        separator = "\n";
        for (Report.Figure figure : report.summary()) {
            out.append(separator).append("    {\"label\": ").append(quote(figure.label())).append(", \"value\": ")
                    .append(quote(figure.value())).append('}');
            separator = ",\n";
        }
        out.append(report.summary().isEmpty() ? "],\n" : "\n  ],\n");
        out.append("  \"tables\": [");
        separator = "\n";
        for (ReportTable table : report.tables()) {
            out.append(separator);
            table(out, table);
            separator = ",\n";
        }
        out.append(report.tables().isEmpty() ? "]\n" : "\n  ]\n");
        out.append('}');
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void table(StringBuilder out, ReportTable table) {
        out.append("    {\"name\": ").append(quote(table.name())).append(", \"title\": ").append(quote(table.title()))
                .append(", \"description\": ").append(quote(table.description())).append(",\n");
        out.append("     \"columns\": ");
        array(out, table.columns());
        out.append(",\n     \"rows\": [");
        String separator = "\n";
        for (List<String> row : table.rows()) {
            out.append(separator).append("       ");
            array(out, row);
            separator = ",\n";
        }
        out.append(table.rows().isEmpty() ? "]}" : "\n     ]}");
    }

    private static void array(StringBuilder out, List<String> values) {
        out.append('[');
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(", ");
            }
            out.append(quote(values.get(i)));
        }
        out.append(']');
    }

    private static void member(StringBuilder out, String name, String value) {
        out.append("  ").append(quote(name)).append(": ").append(quote(value)).append(",\n");
    }

    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
