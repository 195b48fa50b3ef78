package dev.chronoscale.inventory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The rows of one inventory table as a snapshot holds them: the column names once, then each row's values in
 * that order (SQL NULL stays null; timestamps are ISO-8601 texts).
 */
public record TableRows(String table, List<String> columns, List<List<Object>> rows) {

    public TableRows {
        columns = List.copyOf(columns);
        List<List<Object>> copied = new ArrayList<>(rows.size());
        // List.copyOf refuses nulls, and a NULL column is a value here.
        rows.forEach(row -> copied.add(Collections.unmodifiableList(new ArrayList<>(row))));
        rows = Collections.unmodifiableList(copied);
    }
}
