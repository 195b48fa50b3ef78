package dev.chronoscale.app.server;

/** The audit trail on the embedded H2 file database. */
class H2AuditTest extends AuditContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
