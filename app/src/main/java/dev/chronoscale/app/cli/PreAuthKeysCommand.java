package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

@Command(name = "preauthkeys", aliases = {"preauthkey", "authkey", "pre"}, description = "Manage pre-auth keys.",
        subcommands = {PreAuthKeysCommand.Create.class, PreAuthKeysCommand.ListKeys.class,
                PreAuthKeysCommand.Expire.class, PreAuthKeysCommand.Delete.class})
final class PreAuthKeysCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "create", aliases = {"c", "new"}, description = "Create a pre-auth key; the key is shown only now.")
    static final class Create extends ApiCommand {
        @Option(names = {"-u", "--user"}, required = true, description = "User name or ID.")
        String user;
        @Option(names = "--reusable")
        boolean reusable;
        @Option(names = "--ephemeral")
        boolean ephemeral;
        @Option(names = {"-e", "--expiration"}, defaultValue = "1h", description = "How long the key is valid (30m, 24h, 90d).")
        String expiration;
        @Option(names = "--tags", split = ",", description = "Tags for the nodes, e.g. tag:server,tag:db")
        List<String> tags = List.of();

        @Override
        void run() throws Exception {
            Instant expires = expiresAfter(expiration);
            long userId = UsersCommand.UserLookup.byNameOrId(this, user);
            ObjectNode body = object().put("user", Long.toString(userId)).put("reusable", reusable)
                    .put("ephemeral", ephemeral).put("expiration", expires.toString());
            ArrayNode aclTags = body.putArray("aclTags");
            tags.forEach(aclTags::add);
            JsonNode key = call("POST", "/api/v1/preauthkey", body).get("preAuthKey");
            print(key, key.get("key").asText());
        }
    }

    @Command(name = "list", aliases = {"ls", "show"}, description = "List pre-auth keys.")
    static final class ListKeys extends ApiCommand {
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            JsonNode keys = call("GET", at.on("/api/v1/preauthkey"), null).get("preAuthKeys");
            Table table = new Table("ID", "Key/Prefix", "Reusable", "Ephemeral", "Used", "Expiration", "Created", "Owner");
            keys.forEach(k -> table.row(k.get("id").asText(), k.get("key").asText(), k.get("reusable").asBoolean(),
                    k.get("ephemeral").asBoolean(), k.get("used").asBoolean(), time(k.get("expiration")),
                    time(k.get("createdAt")), !k.get("aclTags").isEmpty() ? joined(k.get("aclTags"), ",")
                            : k.get("user").isNull() ? "-" : k.get("user").get("name").asText()));
            print(keys, table.render());
        }
    }

    @Command(name = "expire", aliases = {"revoke", "exp", "e"}, description = "Expire a pre-auth key now.")
    static final class Expire extends ApiCommand {
        @Option(names = {"-i", "--id"}, required = true)
        long id;

        @Override
        void run() throws Exception {
            call("POST", "/api/v1/preauthkey/expire", object().put("id", Long.toString(id)));
            print(object(), "Key expired");
        }
    }

    @Command(name = "delete", aliases = {"del", "rm", "d"}, description = "Delete a pre-auth key.")
    static final class Delete extends ApiCommand {
        @Option(names = {"-i", "--id"}, required = true)
        long id;

        @Override
        void run() throws Exception {
            call("DELETE", "/api/v1/preauthkey?id=" + id, null);
            print(object(), "Key deleted");
        }
    }
}
