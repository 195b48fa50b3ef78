package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;


@Command(name = "users", aliases = "user", description = "Manage users.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Rename.class, UsersCommand.Destroy.class,
                UsersCommand.Roles.class, UsersCommand.SyncGroups.class, UsersCommand.Groups.class})
final class UsersCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "create", aliases = {"c", "new"}, description = "Create a user.")
    static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = {"-d", "--display-name"})
        String displayName;
        @Option(names = {"-e", "--email"})
        String email;
        @Option(names = {"-p", "--picture-url"}, description = "Profile picture URL (http or https).")
        String pictureUrl;

        @Override
        void run() throws Exception {
            ObjectNode body = object().put("name", name);
            if (pictureUrl != null) {
                body.put("pictureUrl", pictureUrl);
            }
            if (displayName != null) {
                body.put("displayName", displayName);
            }
            if (email != null) {
                body.put("email", email);
            }
            print(call("POST", "/api/v1/user", body).get("user"), "User created");
        }
    }

    @Command(name = "list", aliases = {"ls", "show"}, description = "List users.")
    static final class ListUsers extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Option(names = {"-e", "--email"})
        String email;
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            String query = id > 0 ? "?id=" + id : name != null ? "?name=" + encode(name) : email != null ? "?email=" + encode(email) : "";
            JsonNode users = call("GET", at.on("/api/v1/user" + query), null).get("users");
            Table table = new Table("ID", "Name", "Username", "Email", "Created", "Roles");
            users.forEach(u -> table.row(u.get("id").asText(), u.get("displayName").asText(), u.get("name").asText(),
                    u.get("email").asText(), time(u.get("createdAt")), Roles.shown(u)));
            print(users, table.render());
        }
    }

    @Command(name = "rename", aliases = "mv", description = "Rename a user.")
    static final class Rename extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Option(names = {"-r", "--new-name"}, required = true)
        String newName;

        @Override
        void run() throws Exception {
            long target = UserLookup.resolve(this, id, name);
            print(call("POST", "/api/v1/user/" + target + "/rename/" + encode(newName), null).get("user"), "User renamed");
        }
    }

    @Command(name = "destroy", aliases = "delete", description = "Delete a user. Refused while the user owns nodes, "
            + "unless --delete-nodes; asks for confirmation unless --force.")
    static final class Destroy extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Option(names = "--delete-nodes", description = "Also delete the nodes the user owns (each recorded as its own event).")
        boolean deleteNodes;

        @Override
        void run() throws Exception {
            JsonNode user = UserLookup.one(this, id, name);
            String question = "Do you want to remove the user \"" + user.get("name").asText() + "\" (" + user.get("id").asText()
                    + ") and any associated preauthkeys" + (deleteNodes ? " and nodes" : "") + "?";
            if (!Confirmation.confirmed(force, question)) {
                print(object().put("Result", "User not destroyed"), "User not destroyed");
                return;
            }
            call("DELETE", "/api/v1/user/" + user.get("id").asText() + (deleteNodes ? "?delete_nodes=true" : ""), null);
            print(object(), "User destroyed");
        }
    }

    @Command(name = "sync-groups", description = "Read every linked user's groups from the identity provider"
            + " (oidc.groups.source) now, record what changed, and print it.")
    static final class SyncGroups extends ApiCommand {
        @Override
        void run() throws Exception {
            JsonNode result = call("POST", "/api/v1/user/sync-groups", object());
            Table table = new Table("ID", "Username", "Added", "Removed");
            result.get("changes").forEach(c -> table.row(c.get("userId").asText(), c.get("userName").asText(),
                    names(c.get("added")), names(c.get("removed"))));
            String summary = result.get("changes").size() + " of " + result.get("linkedUsers").asInt() + " users linked to "
                    + result.get("issuer").asText() + " changed groups";
            // Chronoscale's own document, not one of Headscale's CLI shapes: printed as the server wrote it.
            if (machineOutput()) {
                printDocument(result);
            } else {
                System.out.println(result.get("changes").isEmpty() ? summary : table.render() + "\n" + summary);
            }
        }
    }

    @Command(name = "groups", description = "A user's groups at the identity provider and the policy groups they put"
            + " the user in.")
    static final class Groups extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            long target = id > 0 ? id : UserLookup.one(this, id, name, at).get("id").asLong();
            JsonNode groups = call("GET", at.on("/api/v1/user/" + target + "/groups"), null);
            Table table = new Table("Identity provider groups", "Policy groups");
            table.row(names(groups.get("idpGroups")), names(groups.get("policyGroups")));
            if (machineOutput()) {
                printDocument(groups);
            } else {
                System.out.println(table.render());
            }
        }
    }

    /** Names as one cell; {@code -} for none. */
    private static String names(JsonNode names) {
        return names.isEmpty() ? "-" : ApiCommand.joined(names, ", ");
    }

    @Command(name = "roles", description = "Set the roles an operator gives a user: admin, network-admin, auditor, member "
            + "(comma-separated; an empty list removes them). Roles from the identity provider stay; they are replaced "
            + "at the user's next login.")
    static final class Roles extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Option(names = {"-s", "--set"}, required = true, paramLabel = "ROLES")
        String roles;

        @Override
        void run() throws Exception {
            long target = UserLookup.resolve(this, id, name);
            ObjectNode body = object();
            ArrayNode list = body.putArray("roles");
            Arrays.stream(roles.split(",")).map(String::trim).filter(r -> !r.isEmpty()).forEach(list::add);
            JsonNode user = call("POST", "/api/v1/user/" + target + "/roles", body).get("user");
            print(user, "User " + user.get("name").asText() + " has roles: " + (shown(user).isEmpty() ? "none" : shown(user)));
        }

        /** The roles column: each role the user holds, marked {@code (idp)} when only the identity provider gives it. */
        static String shown(JsonNode user) {
            Set<String> fromIdp = new HashSet<>();
            user.path("idpRoles").forEach(r -> fromIdp.add(r.asText()));
            List<String> shown = new ArrayList<>();
            user.path("roles").forEach(r -> shown.add(r.asText() + (fromIdp.contains(r.asText()) ? " (idp)" : "")));
            return String.join(", ", shown);
        }
    }

    /** Finds the one user meant by --identifier or --name. */
    static final class UserLookup {
        private UserLookup() {
        }

        static long resolve(ApiCommand command, long id, String name) {
            return id > 0 ? id : one(command, id, name).get("id").asLong();
        }

        /** The user as the server lists it. */
        static JsonNode one(ApiCommand command, long id, String name) {
            return one(command, id, name, new AtInstant());
        }

        /** The user as the server listed it at the instant asked for (now, without one). */
        static JsonNode one(ApiCommand command, long id, String name, AtInstant at) {
            if (id <= 0 && name == null) {
                throw new CliFailure("--name or --identifier flag is required");
            }
            JsonNode users = command.call("GET", at.on("/api/v1/user?" + (id > 0 ? "id=" + id : "name=" + ApiCommand.encode(name))), null)
                    .get("users");
            if (users.size() != 1) {
                throw new CliFailure(users.isEmpty() ? "user '" + (id > 0 ? Long.toString(id) : name) + "' not found"
                        : "multiple users match query, specify an ID");
            }
            return users.get(0);
        }

        /** A --user value that is a name or an id. */
        static long byNameOrId(ApiCommand command, String user) {
            JsonNode byName = command.call("GET", "/api/v1/user?name=" + ApiCommand.encode(user), null).get("users");
            if (!byName.isEmpty()) {
                return byName.get(0).get("id").asLong();
            }
            if (user.matches("\\d{1,18}")) {
                JsonNode byId = command.call("GET", "/api/v1/user?id=" + user, null).get("users");
                if (!byId.isEmpty()) {
                    return byId.get(0).get("id").asLong();
                }
            }
            throw new CliFailure("user '" + user + "' not found");
        }
    }
}
