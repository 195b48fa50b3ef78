package dev.chronoscale.app.cli;

import dev.chronoscale.app.config.ConfigFileSearch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.util.Optional;

@Command(name = "chronoscale", mixinStandardHelpOptions = true, scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = RootCommand.VersionFromJar.class,
        description = "Event-sourced control server for Tailscale clients, with Headscale's commands.",
        subcommands = {ServeCommand.class, UsersCommand.class, PreAuthKeysCommand.class, ApiKeysCommand.class,
                NodesCommand.class, RoutesCommand.class, PolicyCommand.class, AuthCommand.class, HealthCommand.class,
                VersionCommand.class, AdminCommand.class, ConformanceCommand.class, DerpCommand.class, BenchCommand.class,
                AuditCommand.class, HistoryCommand.class, ReportCommand.class, ImportCommand.class, GenerateCommand.class,
                ConfigTestCommand.class, DebugCommand.class, SshCheckCommand.class})
public final class RootCommand implements Runnable {

    // Headscale's global flags, which its users put before the command: `headscale -c FILE nodes list`.
    @Mixin
    PersistentFlags flags;

    /**
     * The config file a command reads: its own {@code -c}, else the one given on its group or before it, else the
     * one {@link ConfigFileSearch} finds (ours first, then Headscale's places).
     */
    static Optional<Path> configFile(CommandSpec command) {
        return PersistentFlags.<Path>nearest(command, "--config").or(() -> ConfigFileSearch.ofThisProcess().find());
    }

    /** {@code --version}: the version stamped into the jar. */
    static final class VersionFromJar implements picocli.CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"chronoscale version " + dev.chronoscale.app.server.Version.current()};
        }
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
