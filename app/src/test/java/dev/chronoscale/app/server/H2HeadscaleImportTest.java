package dev.chronoscale.app.server;

import java.nio.file.Path;

/** The import on the embedded database, reading Headscale's SQLite file. */
class H2HeadscaleImportTest extends HeadscaleImportContract {

    @Override
    String databaseYaml() {
        return "";
    }

    @Override
    String source(Path fixture) {
        return "sqlite:" + fixture.resolve("db.sqlite");
    }
}
