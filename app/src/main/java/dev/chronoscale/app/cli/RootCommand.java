package dev.chronoscale.app.cli;

import picocli.CommandLine.Command;

@Command(name = "chronoscale", mixinStandardHelpOptions = true,
        description = "Event-sourced control server for Tailscale clients, with Headscale's commands.",
        subcommands = {ServeCommand.class, UsersCommand.class, PreAuthKeysCommand.class, ApiKeysCommand.class,
                NodesCommand.class, RoutesCommand.class, PolicyCommand.class, AuthCommand.class, HealthCommand.class,
                VersionCommand.class, AdminCommand.class, ConformanceCommand.class, DerpCommand.class, BenchCommand.class,
                AuditCommand.class})
public final class RootCommand implements Runnable {
    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }
}
