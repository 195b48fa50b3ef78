package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "users", aliases = "user", description = "Manage users.",
        subcommands = {UsersCommand.Create.class, UsersCommand.ListUsers.class, UsersCommand.Rename.class, UsersCommand.Destroy.class})
final class UsersCommand {

    @Command(name = "create", aliases = {"c", "new"}, description = "Create a user.")
    static final class Create extends ApiCommand {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;
        @Option(names = {"-d", "--display-name"})
        String displayName;
        @Option(names = {"-e", "--email"})
        String email;

        @Override
        void run() throws Exception {
            ObjectNode body = object().put("name", name);
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
            Table table = new Table("ID", "Name", "Username", "Email", "Created");
            users.forEach(u -> table.row(u.get("id").asText(), u.get("displayName").asText(), u.get("name").asText(),
                    u.get("email").asText(), time(u.get("createdAt"))));
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

    @Command(name = "destroy", aliases = "delete", description = "Delete a user. Refused while the user owns nodes, unless --force.")
    static final class Destroy extends ApiCommand {
        @Option(names = {"-i", "--identifier"}, defaultValue = "-1")
        long id;
        @Option(names = {"-n", "--name"})
        String name;
        @Override
        void run() throws Exception {
            long target = UserLookup.resolve(this, id, name);
            call("DELETE", "/api/v1/user/" + target + (force ? "?force=true" : ""), null);
            print(object(), "User destroyed");
        }
    }

    /** Finds the one user meant by --identifier or --name. */
    static final class UserLookup {
        private UserLookup() {
        }

        static long resolve(ApiCommand command, long id, String name) {
            if (id > 0) {
                return id;
            }
            if (name == null) {
                throw new CliFailure("--name or --identifier flag is required");
            }
            JsonNode users = command.call("GET", "/api/v1/user?name=" + ApiCommand.encode(name), null).get("users");
            List<Long> ids = new ArrayList<>();
            users.forEach(u -> ids.add(u.get("id").asLong()));
            if (ids.size() != 1) {
                throw new CliFailure(ids.isEmpty() ? "user '" + name + "' not found" : "multiple users match query, specify an ID");
            }
            return ids.get(0);
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
