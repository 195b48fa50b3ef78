package dev.chronoscale.app.server;

import org.junit.jupiter.api.AfterAll;

/** Tailscale SSH checks stored in PostgreSQL (see {@link TestPostgres}). */
class PostgresSshCheckTest extends SshCheckContract {

    private final TestPostgres postgres = new TestPostgres();

    @Override
    String databaseYaml() {
        return postgres.databaseYaml();
    }

    /** JUnit runs a superclass's {@code @AfterAll} after this one: the server is stopped here first. */
    @AfterAll
    void stopPostgres() throws Exception {
        stop();
        postgres.close();
    }
}
