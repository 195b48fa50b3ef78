package dev.chronoscale.app.server;

/** The compliance reports against a server on the embedded H2 database. */
class H2ReportsTest extends ReportsContract {

    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
