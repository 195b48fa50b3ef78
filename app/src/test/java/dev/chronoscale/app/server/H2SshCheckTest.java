package dev.chronoscale.app.server;

/** Tailscale SSH checks stored in the embedded H2 database. */
class H2SshCheckTest extends SshCheckContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
