package dev.chronoscale.app.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Headscale's persistent flags, which cobra accepts on every level of a command line: before the command
 * ({@code -o json nodes list}), after the group ({@code nodes -o json list}) and after the verb
 * ({@code nodes list -o json}). The root and every group carry them; a command takes the nearest one given.
 */
final class PersistentFlags {

    @Option(names = {"-c", "--config"}, scope = ScopeType.LOCAL,
            description = "Config file for the command that follows, as if given to it.")
    Path config;

    @Option(names = {"-o", "--output"}, scope = ScopeType.LOCAL,
            description = "Output format for the command that follows, as if given to it.")
    String output;

    @Option(names = "--force", scope = ScopeType.LOCAL,
            description = "Skip the confirmation prompt of the command that follows, as if given to it.")
    boolean force;

    /** The value of option {@code name} given nearest to {@code command}: on it, else on its group, else before it. */
    static <T> Optional<T> nearest(CommandSpec command, String name) {
        for (CommandSpec level = command; level != null; level = level.parent()) {
            OptionSpec option = level.findOption(name);
            if (option != null) {
                T value = option.getValue();
                if (value != null && !Boolean.FALSE.equals(value)) {
                    return Optional.of(value);
                }
            }
        }
        return Optional.empty();
    }
}
