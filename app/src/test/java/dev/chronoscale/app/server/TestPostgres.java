package dev.chronoscale.app.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/**
 * A fresh PostgreSQL database for one test class: on the server named by
 * CHRONOSCALE_TEST_POSTGRES_URL (with _USER and _PASSWORD) when set, otherwise on a real
 * PostgreSQL started from the embedded binaries. Never skipped.
 */
final class TestPostgres implements AutoCloseable {

    private EmbeddedPostgres embedded;

    /** A new, empty database on the test server. */
    record Database(String url, String user, String password) {
    }

    /** The {@code database:} section of a config file for a new, empty database. */
    String databaseYaml() {
        Database db = newDatabase();
        return "database:\n  type: postgres\n  postgres:\n    url: \"" + db.url() + "\"\n    user: " + db.user()
                + "\n    pass: \"" + db.password() + "\"\n";
    }

    Database newDatabase() {
        String url = System.getenv("CHRONOSCALE_TEST_POSTGRES_URL");
        String user = System.getenv().getOrDefault("CHRONOSCALE_TEST_POSTGRES_USER", "postgres");
        String password = System.getenv().getOrDefault("CHRONOSCALE_TEST_POSTGRES_PASSWORD", "");
        if (url == null) {
            try {
                if (embedded == null) {
                    embedded = EmbeddedPostgres.builder().start();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
            }
            url = embedded.getJdbcUrl("postgres", "postgres");
            user = "postgres";
        }
        String database = "chronoscale_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement sql = admin.createStatement()) {
            sql.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the test database on " + url, e);
        }
        return new Database(url.replaceFirst("(jdbc:postgresql://[^/]+/)[^?]*", "$1" + database), user, password);
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
