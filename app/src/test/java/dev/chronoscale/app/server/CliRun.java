package dev.chronoscale.app.server;

import dev.chronoscale.app.cli.CommandLineRunner;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the real CLI in-process, capturing what it prints and its exit status. */
record CliRun(int status, String out, String err) {

    static synchronized CliRun of(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            int status = CommandLineRunner.run(args, new PrintWriter(err, true));
            return new CliRun(status, out.toString(StandardCharsets.UTF_8).strip(), err.toString().strip());
        } finally {
            System.setOut(original);
        }
    }
}
