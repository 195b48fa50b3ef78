package dev.chronoscale.app.server;

/** Tailscale clients against a server on the embedded H2 database. */
class H2TailscaleClientsTest extends TailscaleClientsContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
