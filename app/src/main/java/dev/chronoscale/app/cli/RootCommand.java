package dev.chronoscale.app.cli;

import picocli.CommandLine.Command;

@Command(name = "chronoscale", mixinStandardHelpOptions = true, scope = picocli.CommandLine.ScopeType.INHERIT,
        versionProvider = RootCommand.VersionFromJar.class,
        description = "Event-sourced control server for Tailscale clients, with Headscale's commands.",
        subcommands = {ServeCommand.class, UsersCommand.class, PreAuthKeysCommand.class, ApiKeysCommand.class,
                NodesCommand.class, RoutesCommand.class, PolicyCommand.class, AuthCommand.class, HealthCommand.class,
                VersionCommand.class, AdminCommand.class, ConformanceCommand.class, DerpCommand.class, BenchCommand.class,
                AuditCommand.class})
public final class RootCommand implements Runnable {

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
