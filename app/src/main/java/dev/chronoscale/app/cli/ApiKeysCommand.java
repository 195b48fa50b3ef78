package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;

@Command(name = "apikeys", aliases = {"apikey", "api"}, description = "Manage API keys for remote administration.",
        subcommands = {ApiKeysCommand.Create.class, ApiKeysCommand.ListKeys.class, ApiKeysCommand.Expire.class,
                ApiKeysCommand.Delete.class})
final class ApiKeysCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "create", aliases = {"c", "new"}, description = "Create an API key; the key is shown only now.")
    static final class Create extends ApiCommand {
        @Option(names = {"-e", "--expiration"}, defaultValue = "90d")
        String expiration;
        @Option(names = {"-r", "--role"}, paramLabel = "ROLE",
                description = "The one role the key's requests carry: admin, network-admin or auditor. Without it, full access.")
        String role;

        @Override
        void run() throws Exception {
            Instant expires = expiresAfter(expiration);
            ObjectNode body = object().put("expiration", expires.toString());
            if (role != null) {
                body.put("role", role);
            }
            String key = call("POST", "/api/v1/apikey", body).get("apiKey").asText();
            if (machineOutput()) {
                System.out.println(output.equals("yaml") ? key : JSON.writeValueAsString(TextNode.valueOf(key)));
            } else {
                System.out.println(key);
            }
        }
    }

    @Command(name = "list", aliases = {"ls", "show"}, description = "List API keys.")
    static final class ListKeys extends ApiCommand {
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            JsonNode keys = call("GET", at.on("/api/v1/apikey"), null).get("apiKeys");
            Table table = new Table("ID", "Prefix", "Expiration", "Created", "Role");
            keys.forEach(k -> table.row(k.get("id").asText(), k.get("prefix").asText(), time(k.get("expiration")),
                    time(k.get("createdAt")), k.has("role") ? k.get("role").asText() : "full access"));
            print(keys, table.render());
        }
    }

    /** Exactly one of --id and --prefix. */
    abstract static class Targeted extends ApiCommand {
        @Option(names = {"-p", "--prefix"})
        String prefix;
        @Option(names = {"-i", "--id"})
        Long id;

        ObjectNode target() {
            if ((prefix == null) == (id == null)) {
                throw new CliFailure(prefix == null ? "either --id or --prefix must be provided"
                        : "only one of --id or --prefix can be provided");
            }
            return id != null ? object().put("id", Long.toString(id)) : object().put("prefix", prefix);
        }
    }

    @Command(name = "expire", aliases = {"revoke", "exp", "e"}, description = "Expire an API key now.")
    static final class Expire extends Targeted {
        @Override
        void run() throws Exception {
            call("POST", "/api/v1/apikey/expire", target());
            print(object(), "Key expired");
        }
    }

    @Command(name = "delete", aliases = {"remove", "del"}, description = "Delete an API key.")
    static final class Delete extends Targeted {
        @Override
        void run() throws Exception {
            ObjectNode target = target();
            String path = target.has("id") ? "/api/v1/apikey/-?id=" + id : "/api/v1/apikey/" + encode(prefix);
            call("DELETE", path, null);
            print(object(), "Key deleted");
        }
    }
}
