package dev.chronoscale.app.cli;

import java.io.Console;
import java.util.Locale;

/**
 * Headscale's confirmation prompt before a destructive command, which {@code --force} skips. Without a terminal
 * to ask on, the command is refused (Headscale silently does nothing then), so a script must say {@code --force}.
 */
final class Confirmation {
    private Confirmation() {
    }

    /** Returns whether to go on: forced, or the user answered yes at the terminal. */
    static boolean confirmed(boolean force, String question) {
        if (force) {
            return true;
        }
        Console console = System.console();
        if (console == null) {
            throw new CliFailure("no terminal to confirm on: \"" + question + "\"; pass --force to go ahead without a prompt");
        }
        String answer = console.readLine("? %s (y/N) ", question);
        return answer != null && answer.trim().toLowerCase(Locale.ROOT).matches("y|yes");
    }
}
