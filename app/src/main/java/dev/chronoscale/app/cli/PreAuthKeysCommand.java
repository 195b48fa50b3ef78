package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ScopeType;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@Command(name = "preauthkeys", aliases = {"preauthkey", "authkey", "pre"}, description = "Manage pre-auth keys.",
        subcommands = {PreAuthKeysCommand.Create.class, PreAuthKeysCommand.ListKeys.class,
                PreAuthKeysCommand.Expire.class, PreAuthKeysCommand.Delete.class})
final class PreAuthKeysCommand {

    @Mixin
    PersistentFlags flags;

    // Headscale 0.26's persistent --user, written before the verb as well: `preauthkeys -u 1 list`.
    @Option(names = {"-u", "--user"}, scope = ScopeType.LOCAL, description = "User ID (or name) for the command that follows.")
    String user;

    /** A command on one user's keys: {@code -u} after the verb, or before it. */
    abstract static class OfUser extends ApiCommand {
        @Option(names = {"-u", "--user"}, description = "User ID (or name).")
        String user;

        Optional<String> user() {
            return PersistentFlags.nearest(spec, "--user");
        }

        Optional<Long> userId() {
            return user().map(u -> UsersCommand.UserLookup.byNameOrId(this, u));
        }
    }

    @Command(name = "create", aliases = {"c", "new"}, description = "Create a pre-auth key; the key is shown only now.")
    static final class Create extends OfUser {
        @Option(names = "--reusable")
        boolean reusable;
        @Option(names = "--ephemeral")
        boolean ephemeral;
        @Option(names = {"-e", "--expiration"}, defaultValue = "1h", description = "How long the key is valid (30m, 24h, 90d).")
        String expiration;
        @Option(names = "--tags", split = ",", description = "Tags for the nodes, e.g. tag:server,tag:db")
        List<String> tags = List.of();
        @Option(names = "--pre-approved", description = "The key's nodes need no device approval (node.approval: manual).")
        boolean preApproved;

        @Override
        void run() throws Exception {
            if (user().isEmpty() && tags.isEmpty()) {
                throw new CliFailure("a pre-auth key needs --user, or --tags for a key whose nodes are owned by their tags");
            }
            Instant expires = expiresAfter(expiration);
            ObjectNode body = object().put("reusable", reusable).put("ephemeral", ephemeral)
                    .put("expiration", expires.toString());
            userId().ifPresent(id -> body.put("user", Long.toString(id)));
            ArrayNode aclTags = body.putArray("aclTags");
            tags.forEach(aclTags::add);
            if (preApproved) {
                body.put("preApproved", true);
            }
            JsonNode key = call("POST", "/api/v1/preauthkey", body).get("preAuthKey");
            print(key, key.get("key").asText());
        }
    }

    @Command(name = "list", aliases = {"ls", "show"}, description = "List the user's pre-auth keys (every user's without --user).")
    static final class ListKeys extends OfUser {
        @Mixin
        AtInstant at;

        @Override
        void run() throws Exception {
            Optional<Long> owner = userId();
            JsonNode keys = call("GET", at.on("/api/v1/preauthkey" + owner.map(id -> "?user=" + id).orElse("")), null)
                    .get("preAuthKeys");
            List<String> header = new ArrayList<>(List.of("ID", "Key", "Reusable", "Ephemeral", "Used", "Expiration", "Created", "Tags"));
            if (owner.isEmpty()) {
                header.add("User");
            }
            // Headscale's table as it is, unless some key is pre-approved (device approval).
            boolean approvals = java.util.stream.StreamSupport.stream(keys.spliterator(), false)
                    .anyMatch(k -> k.path("preApproved").asBoolean(false));
            if (approvals) {
                header.add("Pre-approved");
            }
            Table table = new Table(header.toArray(String[]::new));
            keys.forEach(k -> {
                List<Object> row = new ArrayList<>(List.of(k.get("id").asText(), k.get("key").asText(), k.get("reusable").asBoolean(),
                        k.get("ephemeral").asBoolean(), k.get("used").asBoolean(),
                        k.get("expiration").isNull() ? "-" : time(k.get("expiration")), time(k.get("createdAt")),
                        joined(k.get("aclTags"), ",")));
                if (owner.isEmpty()) {
                    row.add(k.get("user").isNull() ? "-" : k.get("user").get("name").asText());
                }
                if (approvals) {
                    row.add(k.path("preApproved").asBoolean(false));
                }
                table.row(row.toArray());
            });
            print(keys, table.render());
        }
    }

    @Command(name = "expire", aliases = {"revoke", "exp", "e"}, description = "Expire a pre-auth key now: KEY (whole, masked or "
            + "its prefix; with --user it must be that user's) or --id.")
    static final class Expire extends OfUser {
        @Parameters(index = "0", arity = "0..1", paramLabel = "KEY")
        String key;
        @Option(names = {"-i", "--id"})
        Long id;

        @Override
        void run() throws Exception {
            if ((key == null) == (id == null)) {
                throw new CliFailure(key == null ? "missing parameters: KEY (or --id)" : "give KEY or --id, not both");
            }
            ObjectNode body = key != null ? object().put("key", key) : object().put("id", Long.toString(id));
            userId().ifPresent(owner -> body.put("user", Long.toString(owner)));
            call("POST", "/api/v1/preauthkey/expire", body);
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
