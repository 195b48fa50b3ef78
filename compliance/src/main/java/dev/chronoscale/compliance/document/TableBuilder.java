package dev.chronoscale.compliance.document;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Builds a {@link ReportTable} a row at a time from values as the reports have them: absent values (null, an empty
 * Optional) become the empty cell, instants their RFC 3339 text, collections their elements joined by ", ".
 */
public final class TableBuilder {

    private final String name;
    private final String title;
    private final String description;
    private final List<String> columns;
    private final List<List<String>> rows = new ArrayList<>();

    public TableBuilder(String name, String title, String description, String... columns) {
        this.name = name;
        this.title = title;
        this.description = description;
        this.columns = List.of(columns);
    }

    public TableBuilder row(Object... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException("table " + name + " has " + columns.size() + " columns, not " + cells.length);
        }
        List<String> row = new ArrayList<>(cells.length);
        for (Object cell : cells) {
            row.add(cell(cell));
        }
        rows.add(row);
        return this;
    }

    public int size() {
        return rows.size();
    }

    public ReportTable build() {
        return new ReportTable(name, title, description, columns, rows);
    }

    public static String cell(Object value) {
        return switch (value) {
            case null -> "";
            case Optional<?> optional -> optional.map(TableBuilder::cell).orElse("");
            case Instant instant -> instant.toString();
            case Collection<?> collection -> collection.stream().map(TableBuilder::cell).collect(Collectors.joining(", "));
            default -> value.toString();
        };
    }
}
