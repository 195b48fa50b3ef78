package dev.chronoscale.compliance.document;

import java.util.List;

/** A report's content: the summary comes first in every format, then the tables in this order. */
public record Report(ReportHeader header, List<Figure> summary, List<ReportTable> tables) {

    public Report {
        summary = List.copyOf(summary);
        tables = List.copyOf(tables);
    }

    /** One figure of the summary: {@code Nodes with keys older than 90 days: 3}. */
    public record Figure(String label, String value) {
    }
}
