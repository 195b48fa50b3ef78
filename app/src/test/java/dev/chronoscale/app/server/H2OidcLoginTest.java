package dev.chronoscale.app.server;

/** OIDC login on H2. */
class H2OidcLoginTest extends OidcLoginContract {
    @Override
    String databaseYaml() {
        return "database:\n  type: h2\n";
    }
}
