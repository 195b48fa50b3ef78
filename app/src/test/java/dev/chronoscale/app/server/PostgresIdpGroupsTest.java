package dev.chronoscale.app.server;

import org.junit.jupiter.api.AfterAll;

import java.io.IOException;

/** Keycloak groups in the policy, on PostgreSQL (see {@link TestPostgres}). */
class PostgresIdpGroupsTest extends IdpGroupsContract {

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
