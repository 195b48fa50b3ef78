package dev.chronoscale.inventory;

import dev.chronoscale.inventory.InventoryProjection;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSetMetaData;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Copies the inventory tables' rows out of one database and into the empty tables of another: a private inventory
 * into a fresh one, or into the store's own (on H2 or PostgreSQL).
 */
public final class InventoryRows {

    private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

    private InventoryRows() {
    }

    public static List<TableRows> capture(JdbcTemplate jdbc) {
        List<TableRows> tables = new ArrayList<>();
        for (String table : InventoryProjection.TABLES) {
            tables.add(jdbc.query("SELECT * FROM " + table + " ORDER BY id", rs -> {
                ResultSetMetaData meta = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    columns.add(meta.getColumnLabel(i).toLowerCase(Locale.ROOT));
                }
                List<List<Object>> rows = new ArrayList<>();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns.size());
                    for (int i = 1; i <= columns.size(); i++) {
                        if (meta.getColumnType(i) == Types.TIMESTAMP_WITH_TIMEZONE || meta.getColumnType(i) == Types.TIMESTAMP) {
                            OffsetDateTime value = rs.getObject(i, OffsetDateTime.class);
                            row.add(value == null ? null : value.toString());
                        } else {
                            row.add(rs.getObject(i));
                        }
                    }
                    rows.add(row);
                }
                return new TableRows(table, columns, rows);
            }));
        }
        return tables;
    }

    /** Inserts the rows into the empty tables of a freshly migrated database. */
    public static void restore(JdbcTemplate jdbc, List<TableRows> tables) {
        for (TableRows table : tables) {
            if (!InventoryProjection.TABLES.contains(table.table())) {
                throw new IllegalArgumentException("a snapshot holds rows of '" + table.table()
                        + "', which is not an inventory table");
            }
            Map<String, Integer> types = columnTypes(jdbc, table.table());
            for (String column : table.columns()) {
                if (!COLUMN.matcher(column).matches() || !types.containsKey(column)) {
                    throw new IllegalArgumentException("a snapshot holds column '" + column + "' of " + table.table()
                            + ", which that table does not have");
                }
            }
            if (table.rows().isEmpty()) {
                continue;
            }
            String sql = "INSERT INTO " + table.table() + " (" + String.join(", ", table.columns()) + ") VALUES ("
                    + String.join(", ", Collections.nCopies(table.columns().size(), "?")) + ")";
            List<Object[]> batch = new ArrayList<>(table.rows().size());
            for (List<Object> row : table.rows()) {
                if (row.size() != table.columns().size()) {
                    throw new IllegalArgumentException("a snapshot row of " + table.table() + " has " + row.size()
                            + " values for " + table.columns().size() + " columns");
                }
                Object[] values = new Object[row.size()];
                for (int i = 0; i < values.length; i++) {
                    Object value = row.get(i);
                    // Every timestamp of the inventory has a time zone; PostgreSQL's driver reports it as TIMESTAMP.
                    int type = types.get(table.columns().get(i));
                    boolean timestamp = type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIMESTAMP;
                    values[i] = timestamp && value != null ? OffsetDateTime.parse(value.toString()) : value;
                }
                batch.add(values);
            }
            jdbc.batchUpdate(sql, batch);
        }
    }

    private static Map<String, Integer> columnTypes(JdbcTemplate jdbc, String table) {
        return jdbc.query("SELECT * FROM " + table + " WHERE 1 = 0", rs -> {
            ResultSetMetaData meta = rs.getMetaData();
            Map<String, Integer> types = new HashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                types.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
            }
            return types;
        });
    }
}
