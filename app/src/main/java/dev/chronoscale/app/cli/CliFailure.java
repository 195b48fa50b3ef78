package dev.chronoscale.app.cli;

/** A command that could not do what was asked; printed as one line, exit status 1. */
final class CliFailure extends RuntimeException {
    CliFailure(String message) {
        super(message);
    }
}
