package dev.chronoscale.app.server;

/** Keycloak groups in the policy, on the embedded H2 database. */
class H2IdpGroupsTest extends IdpGroupsContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
