package dev.chronoscale.app.server;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;

import java.io.IOException;
import java.io.UncheckedIOException;

/** The audit trail on a real PostgreSQL started from the embedded binaries. */
class PostgresAuditTest extends AuditContract {

    private EmbeddedPostgres embedded;

    @Override
    String databaseYaml() {
        try {
            embedded = EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
        }
        return "database:\n  type: postgres\n  postgres:\n    url: \"" + embedded.getJdbcUrl("postgres", "postgres")
                + "\"\n    user: postgres\n    pass: \"\"\n";
    }

    /** JUnit runs a superclass's {@code @AfterAll} after this one: the server is stopped here first. */
    @AfterAll
    void stopPostgres() throws IOException {
        stop();
        if (embedded != null) {
            embedded.close();
        }
    }
}
