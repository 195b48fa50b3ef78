package dev.chronoscale.compliance.document;

import java.util.List;

/**
 * One table of a report. {@code name} is its file name in the CSV archive and its key in JSON; every row has one
 * cell per column, and an absent value is the empty string.
 */
public record ReportTable(String name, String title, String description, List<String> columns, List<List<String>> rows) {

    public ReportTable {
        if (!name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("a table's name is lower case letters, digits and '-': " + name);
        }
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("table " + name + " has " + columns.size() + " columns, a row has "
                        + row.size());
            }
        }
    }
}
