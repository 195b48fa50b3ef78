package dev.chronoscale.app.server;

import dev.chronoscale.admin.console.Console;
import dev.chronoscale.admin.login.SessionCredential;

import java.util.Optional;

/** The web console when {@code console.enabled} (the default): its routes, and its session as a credential. */
record ConsoleSetup(Optional<Console> console) {

    SessionCredential credential() {
        return console.map(Console::credential).orElseGet(SessionCredential::none);
    }
}
