package dev.chronoscale.app.server;

/** Device approval on a server with the embedded H2 database. */
class H2DeviceApprovalTest extends DeviceApprovalContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
