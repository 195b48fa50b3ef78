package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;

@Command(name = "debug", description = "Debugging and testing commands, as Headscale's.", subcommands = DebugCommand.CreateNode.class)
final class DebugCommand {

    @Mixin
    PersistentFlags flags;

    /**
     * Headscale's {@code debug create-node}: a node with random keys, and so no client, waiting under a registration ID
     * for {@code nodes register --key ID --user NAME}.
     */
    @Command(name = "create-node", description = "Create a node (random keys, no client behind it) that 'nodes register "
            + "--key KEY --user NAME' then registers.")
    static final class CreateNode extends ApiCommand {
        @Option(names = "--name", required = true, description = "The node's host name.")
        String name;
        @Option(names = {"-u", "--user"}, required = true, description = "A user (name or ID) that must exist.")
        String user;
        @Option(names = {"-k", "--key"}, required = true, description = "The registration ID to wait under: 24 letters, "
                + "digits, - or _ (or hskey-authreq- and those 24).")
        String key;
        @Option(names = {"-r", "--route"}, split = ",", description = "A route the node advertises; repeat or separate with commas.")
        List<String> routes = List.of();

        @Override
        void run() throws Exception {
            ObjectNode body = object().put("user", user).put("key", key).put("name", name);
            ArrayNode array = body.putArray("routes");
            routes.stream().filter(r -> !r.isBlank()).forEach(array::add);
            print(call("POST", "/api/v1/debug/node", body).get("node"), "Node created");
        }
    }
}
