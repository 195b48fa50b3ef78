package dev.chronoscale.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "routes", description = "Routes of nodes (same listing as 'nodes list-routes').",
        subcommands = RoutesCommand.ListRoutes.class)
final class RoutesCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "list", aliases = {"ls", "show"}, description = "List nodes' advertised, approved and served routes.")
    static final class ListRoutes extends NodesCommand.ListRoutesBase {
    }
}
