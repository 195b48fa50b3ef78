package dev.chronoscale.app.cli;

import dev.chronoscale.app.config.ConfigException;
import dev.chronoscale.app.server.StartupFailure;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Arrays;

/** Runs the CLI and turns every failure into one clear line and a non-zero exit status. */
public final class CommandLineRunner {
    private CommandLineRunner() {
    }

    public static int run(String[] args, PrintWriter err) {
        boolean machine = Arrays.stream(args).anyMatch(a -> a.equals("json") || a.equals("json-line") || a.equals("yaml")
                || a.startsWith("-ojson") || a.startsWith("--output=json") || a.startsWith("--output=yaml"));
        CommandLine cli = new CommandLine(new RootCommand());
        cli.setErr(err);
        cli.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            String message = switch (failure) {
                case CliFailure f -> f.getMessage();
                case ConfigException c -> c.getMessage();
                default -> rootMessage(failure);
            };
            if (machine) {
                err.println("{\"error\":" + ApiCommand.JSON.valueToTree(message) + "}");
            } else {
                err.println("Error: " + message);
            }
            err.flush();
            return 1;
        });
        return cli.execute(args);
    }

    private static String rootMessage(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StartupFailure || t instanceof ConfigException) {
                return t.getMessage();
            }
        }
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    }
}
