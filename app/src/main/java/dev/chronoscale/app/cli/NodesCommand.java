package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;

@Command(name = "nodes", aliases = "node", description = "Manage nodes.",
        subcommands = {NodesCommand.ListNodes.class, NodesCommand.Expire.class, NodesCommand.Rename.class,
                NodesCommand.Delete.class, NodesCommand.Tag.class, NodesCommand.ApproveRoutes.class,
                NodesCommand.ListRoutes.class, NodesCommand.Register.class, NodesCommand.Move.class,
                NodesCommand.BackfillIps.class, NodesCommand.Approve.class, NodesCommand.Refuse.class})
final class NodesCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "list", aliases = {"ls", "show"}, description = "List nodes.")
    static final class ListNodes extends ApiCommand {
        @Option(names = {"-u", "--user"}, description = "Only this user's nodes (name).")
        String user;
        @Option(names = {"-t", "--tags"}, description = "Show the tags: columns ForcedTags, InvalidTags, ValidTags, as Headscale's.")
        boolean tags;
        @Option(names = "--pending", description = "Only the nodes waiting for device approval.")
        boolean pending;
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            List<String> query = new java.util.ArrayList<>();
            if (user != null) {
                query.add("user=" + encode(user));
            }
            if (pending) {
                query.add("approval=pending");
            }
            JsonNode nodes = call("GET", at.on("/api/v1/node" + (query.isEmpty() ? "" : "?" + String.join("&", query))), null)
                    .get("nodes");
            // Headscale's table as it is, unless some node is not approved (device approval): then its state too.
            boolean approvals = pending || java.util.stream.StreamSupport.stream(nodes.spliterator(), false)
                    .anyMatch(n -> !n.path("approval").asText("approved").equals("approved"));
            Instant now = at.judgedAt();
            List<String> header = new java.util.ArrayList<>(List.of("ID", "Hostname", "Name", "MachineKey", "NodeKey", "User",
                    "IP addresses", "Ephemeral", "Last seen", "Expiration", "Connected", "Expired"));
            if (tags) {
                header.addAll(List.of("ForcedTags", "InvalidTags", "ValidTags"));
            }
            if (approvals) {
                header.add("Approval");
            }
            Table table = new Table(header.toArray(String[]::new));
            nodes.forEach(n -> {
                JsonNode expiry = n.get("expiry");
                boolean expired = !expiry.isNull() && !Instant.parse(expiry.asText()).isAfter(now);
                JsonNode key = n.get("preAuthKey");
                List<Object> row = new java.util.ArrayList<>(List.of(n.get("id").asText(), n.get("name").asText(),
                        n.get("givenName").asText(), shortKey(n.get("machineKey").asText()), shortKey(n.get("nodeKey").asText()),
                        n.get("user").isNull() ? "" : n.get("user").get("name").asText(),
                        joined(n.get("ipAddresses"), ", "), !key.isNull() && key.get("ephemeral").asBoolean(),
                        time(n.get("lastSeen")), expiry.isNull() ? "N/A" : time(expiry),
                        n.get("online").asBoolean() ? "online" : "offline", expired ? "yes" : "no"));
                if (tags) {
                    // Chronoscale keeps one set of tags per node, all in force, which is what Headscale's forced tags
                    // are; the other two columns fill only from a server that tells tags apart.
                    row.add(joined(n.has("forcedTags") ? n.get("forcedTags") : n.get("tags"), ","));
                    row.add(joined(n.get("invalidTags"), ","));
                    row.add(joined(n.get("validTags"), ","));
                }
                if (approvals) {
                    row.add(n.path("approval").asText("approved"));
                }
                table.row(row.toArray());
            });
            print(nodes, table.render());
        }

        private static String shortKey(String key) {
            int colon = key.indexOf(':');
            String hex = colon < 0 ? key : key.substring(colon + 1);
            return hex.length() < 8 ? hex : "[" + hex.substring(0, 8) + "]";
        }
    }

    @Command(name = "expire", aliases = {"logout", "exp", "e"}, description = "Expire a node (now, at --expiry, or never with --disable).")
    static final class Expire extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;
        @Option(names = {"-e", "--expiry"}, description = "RFC 3339 time; empty means now.")
        String expiry;
        @Option(names = {"-d", "--disable"}, description = "Remove the node's expiry.")
        boolean disable;

        @Override
        void run() throws Exception {
            String query = disable ? "?disable_expiry=true" : expiry != null ? "?expiry=" + encode(expiry) : "";
            JsonNode node = call("POST", "/api/v1/node/" + id + "/expire" + query, null).get("node");
            print(node, disable ? "Node expiry disabled" : expiry != null ? "Node expiration updated" : "Node expired");
        }
    }

    @Command(name = "rename", description = "Rename a node (its MagicDNS name).")
    static final class Rename extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;
        @Parameters(index = "0", paramLabel = "NEW_NAME")
        String newName;

        @Override
        void run() throws Exception {
            print(call("POST", "/api/v1/node/" + id + "/rename/" + encode(newName), null).get("node"), "Node renamed");
        }
    }

    @Command(name = "delete", aliases = "del", description = "Delete a node; asks for confirmation unless --force.")
    static final class Delete extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;

        @Override
        void run() throws Exception {
            JsonNode node = call("GET", "/api/v1/node/" + id, null).get("node");
            if (!Confirmation.confirmed(force, "Do you want to remove the node " + node.get("name").asText() + "?")) {
                print(object().put("Result", "Node not deleted"), "Node not deleted");
                return;
            }
            call("DELETE", "/api/v1/node/" + id, null);
            print(object().put("Result", "Node deleted"), "Node deleted");
        }
    }

    @Command(name = "move", aliases = "mv", description = "Move a node to another user; a tagged node is refused.")
    static final class Move extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;
        @Option(names = {"-u", "--user"}, required = true, description = "The new user: ID (or name).")
        String user;

        @Override
        void run() throws Exception {
            long userId = UsersCommand.UserLookup.byNameOrId(this, user);
            ObjectNode body = object().put("user", Long.toString(userId));
            print(call("POST", "/api/v1/node/" + id + "/user", body).get("node"), "Node moved to another user");
        }
    }

    @Command(name = "backfillips", description = "Give every node an address of each configured prefix family it has none of "
            + "(e.g. after prefixes.v6 was added); asks for confirmation unless --force.")
    static final class BackfillIps extends ApiCommand {
        @Override
        void run() throws Exception {
            if (!Confirmation.confirmed(force, "Are you sure that you want to assign IPs to nodes that lack them?")) {
                print(object().put("Result", "Node IPs not backfilled"), "Node IPs not backfilled");
                return;
            }
            JsonNode changes = call("POST", "/api/v1/node/backfillips?confirmed=true", null);
            StringBuilder human = new StringBuilder();
            changes.path("changes").forEach(change -> human.append(change.asText()).append('\n'));
            print(changes, human.append("Node IPs backfilled successfully").toString());
        }
    }

    @Command(name = "tag", aliases = {"tags", "t"}, description = "Set a node's tags.")
    static final class Tag extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;
        @Option(names = {"-t", "--tags"}, split = ",")
        List<String> tags = List.of();

        @Override
        void run() throws Exception {
            ObjectNode body = object();
            ArrayNode array = body.putArray("tags");
            tags.forEach(array::add);
            print(call("POST", "/api/v1/node/" + id + "/tags", body).get("node"), "Node updated");
        }
    }

    @Command(name = "approve-routes", description = "Set the routes approved for a node (empty clears).")
    static final class ApproveRoutes extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;
        @Option(names = {"-r", "--routes"}, split = ",")
        List<String> routes = List.of();

        @Override
        void run() throws Exception {
            ObjectNode body = object();
            ArrayNode array = body.putArray("routes");
            routes.stream().filter(r -> !r.isBlank()).forEach(array::add);
            print(call("POST", "/api/v1/node/" + id + "/approve_routes", body).get("node"), "Node updated");
        }
    }

    @Command(name = "list-routes", aliases = {"lsr", "routes"}, description = "List nodes' advertised, approved and served routes.")
    static final class ListRoutes extends ListRoutesBase {
    }

    /** The route listing, shared by 'nodes list-routes' and 'routes list'. */
    abstract static class ListRoutesBase extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "0")
        long id;
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            ArrayNode shown = JSON.createArrayNode();
            JsonNode nodes = id > 0 ? JSON.createArrayNode().add(call("GET", at.on("/api/v1/node/" + id), null).get("node"))
                    : call("GET", at.on("/api/v1/node"), null).get("nodes");
            Table table = new Table("ID", "Hostname", "Approved", "Available", "Serving (Primary)");
            nodes.forEach(n -> {
                if (n.get("approvedRoutes").isEmpty() && n.get("availableRoutes").isEmpty()) {
                    return;
                }
                shown.add(n);
                table.row(n.get("id").asText(), n.get("givenName").asText(), joined(n.get("approvedRoutes"), ", "),
                        joined(n.get("availableRoutes"), ", "), joined(n.get("subnetRoutes"), ", "));
            });
            print(shown, table.render());
        }
    }

    @Command(name = "approve", description = "Approve a node waiting for device approval: it gets its peers and they get it.")
    static final class Approve extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;

        /** The command's {@code --reason}, recorded in its audit context, is also the reason the event records. */
        @Override
        void run() throws Exception {
            ObjectNode body = object().put("reason", reason == null ? "" : reason);
            print(call("POST", "/api/v1/node/" + id + "/approve", body).get("node"), "Node approved");
        }
    }

    @Command(name = "refuse", description = "Refuse a node waiting for device approval, for good: it stays recorded and "
            + "receives nothing; deleting it lets the device register again.")
    static final class Refuse extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, required = true)
        long id;

        /** The command's {@code --reason}, recorded in its audit context, is also the reason the event records. */
        @Override
        void run() throws Exception {
            ObjectNode body = object().put("reason", reason == null ? "" : reason);
            print(call("POST", "/api/v1/node/" + id + "/refuse", body).get("node"), "Node refused");
        }
    }

    @Command(name = "register", description = "Deprecated: use 'auth register --auth-id ID --user NAME'.")
    static final class Register extends ApiCommand {
        @Option(names = {"-u", "--user"}, required = true)
        String user;
        @Option(names = {"-k", "--key"}, required = true)
        String key;

        @Override
        void run() throws Exception {
            call("POST", "/api/v1/node/register?user=" + encode(user) + "&key=" + encode(key), null);
            print(object(), "Node registered");
        }
    }
}
