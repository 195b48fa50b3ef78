package dev.chronoscale.app.server;

import org.junit.jupiter.api.AfterAll;

import java.io.IOException;

/** OIDC login on PostgreSQL (see {@link TestPostgres}). */
class PostgresOidcLoginTest extends OidcLoginContract {

    private final TestPostgres postgres = new TestPostgres();

    @Override
    String databaseYaml() {
        return postgres.databaseYaml();
    }

    /** JUnit runs a superclass's {@code @AfterAll} after this one: the server is stopped here first. */
    @AfterAll
    void stopPostgres() throws IOException {
        stop();
        postgres.close();
    }
}
