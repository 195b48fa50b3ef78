package dev.chronoscale.app.server;

/** The admin contract on the zero-setup default: the embedded H2 file database. */
class H2AdminApiTest extends AdminApiContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
