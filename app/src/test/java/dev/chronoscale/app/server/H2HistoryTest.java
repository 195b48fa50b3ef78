package dev.chronoscale.app.server;

/** History against a server on the embedded H2 database. */
class H2HistoryTest extends HistoryContract {

    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
