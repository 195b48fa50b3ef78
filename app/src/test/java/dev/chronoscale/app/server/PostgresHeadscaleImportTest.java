package dev.chronoscale.app.server;

import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The import on PostgreSQL, reading a Headscale database on PostgreSQL: Headscale 0.26.1's PostgreSQL tables,
 * holding the rows of the real SQLite fixture.
 */
class PostgresHeadscaleImportTest extends HeadscaleImportContract {

    private static final List<String> TABLES = List.of("migrations", "users", "pre_auth_keys", "api_keys", "nodes", "policies");
    private static final Set<String> TIMES = Set.of("created_at", "updated_at", "deleted_at", "expiration", "expiry", "last_seen");
    private static final Set<String> FLAGS = Set.of("reusable", "ephemeral", "used");

    private final TestPostgres postgres = new TestPostgres();
    private TestPostgres.Database headscale;

    @Override
    String databaseYaml() {
        return postgres.databaseYaml();
    }

    @Override
    String source(Path fixture) throws Exception {
        if (headscale == null) {
            headscale = postgres.newDatabase();
            copyFixture(fixture.resolve("db.sqlite"));
        }
        String hostAndDatabase = headscale.url().replaceFirst("^jdbc:postgresql://", "").replaceFirst("\\?.*$", "");
        return "postgres://" + headscale.user() + ":" + headscale.password() + "@" + hostAndDatabase;
    }

    private void copyFixture(Path sqlite) throws SQLException, IOException {
        try (Connection target = DriverManager.getConnection(headscale.url(), headscale.user(), headscale.password());
             Connection fixture = DriverManager.getConnection("jdbc:sqlite:" + sqlite + "?open_mode=1")) {
            try (InputStream ddl = getClass().getResourceAsStream("/headscale-0.26-postgres.sql"); Statement s = target.createStatement()) {
                s.execute(new String(ddl.readAllBytes(), StandardCharsets.UTF_8));
            }
            for (String table : TABLES) {
                copy(fixture, target, table);
            }
        }
    }

    private static void copy(Connection from, Connection to, String table) throws SQLException {
        try (Statement read = from.createStatement(); ResultSet rows = read.executeQuery("SELECT * FROM " + table)) {
            ResultSetMetaData meta = rows.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnName(i));
            }
            String insert = "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                    + String.join(", ", columns.stream().map(c -> "?").toList()) + ")";
            try (PreparedStatement write = to.prepareStatement(insert)) {
                while (rows.next()) {
                    for (int i = 0; i < columns.size(); i++) {
                        set(write, i + 1, columns.get(i), rows);
                    }
                    write.executeUpdate();
                }
            }
        }
    }

    private static void set(PreparedStatement write, int index, String column, ResultSet rows) throws SQLException {
        if (column.equals("hash")) {
            write.setBytes(index, rows.getBytes(column));
        } else if (TIMES.contains(column)) {
            String text = rows.getString(column);
            if (text == null || text.isBlank()) {
                write.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
            } else {
                write.setObject(index, OffsetDateTime.parse(text.replaceFirst(" ", "T").replaceFirst(" ", "")));
            }
        } else if (FLAGS.contains(column)) {
            write.setBoolean(index, rows.getBoolean(column));
        } else if (column.equals("id") || column.endsWith("_id")) {
            long value = rows.getLong(column);
            if (rows.wasNull()) {
                write.setNull(index, Types.BIGINT);
            } else {
                write.setLong(index, value);
            }
        } else {
            write.setString(index, rows.getString(column));
        }
    }

    /** JUnit runs a superclass's {@code @AfterAll} after this one: the server is stopped here first. */
    @AfterAll
    void stopPostgres() throws IOException {
        stop();
        postgres.close();
    }
}
