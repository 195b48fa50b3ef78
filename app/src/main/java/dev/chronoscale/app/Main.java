package dev.chronoscale.app;

import dev.chronoscale.app.cli.CommandLineRunner;

import java.io.PrintWriter;

/** Entry point of the {@code chronoscale} executable: the server ({@code serve}) and the admin CLI. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(CommandLineRunner.run(args, new PrintWriter(System.err, true)));
    }
}
