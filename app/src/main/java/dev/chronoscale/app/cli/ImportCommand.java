package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

@Command(name = "import", description = "Seed this new tailnet from another control server's database.",
        subcommands = {ImportCommand.Headscale.class})
final class ImportCommand {

    @Command(name = "headscale", description = "Import a Headscale (0.23 to 0.29) database: users, nodes with their keys"
            + " and addresses, pre-auth keys, API keys and the policy. Devices reconnect with no action when the server"
            + " keeps Headscale's server_url and noise.private_key_path.")
    static final class Headscale extends ApiCommand {
        @Option(names = "--from", required = true, paramLabel = "SOURCE",
                description = "sqlite:PATH (a path on the server's machine) or postgres://USER:PASSWORD@HOST:PORT/DATABASE")
        String from;

        @Option(names = "--dry-run", description = "Report what would be imported and what cannot be, and change nothing.")
        boolean dryRun;

        @Option(names = "--leave-behind", description = "Import even though some things cannot be carried (listed); they are left out.")
        boolean leaveBehind;

        @Override
        void run() throws Exception {
            ObjectNode body = object().put("from", absolute(from)).put("dryRun", dryRun).put("leaveBehind", leaveBehind);
            ApiClient.Response response;
            try {
                response = client().send("POST", "/api/v1/import/headscale", Optional.of(JSON.writeValueAsString(body)),
                        Optional.ofNullable(reason), line -> { });
            } catch (IOException e) {
                throw new CliFailure(e.getMessage());
            }
            // A refused import (409) answers with the same outcome as a dry run; any other failure is an error document.
            if (!response.ok() && response.status() != 409) {
                throw new CliFailure(errorMessage(response));
            }
            JsonNode outcome = JSON.readTree(response.body());
            if (machineOutput()) {
                printDocument(outcome);
            } else {
                System.out.println(human(outcome));
            }
            if (!outcome.path("refusals").isEmpty()) {
                throw new CliFailure("the import was refused; nothing was changed");
            }
        }

        /** A relative SQLite path means the one beside the caller; the server resolves paths on its own machine. */
        private static String absolute(String from) {
            return from.startsWith("sqlite:") ? "sqlite:" + Path.of(from.substring(7)).toAbsolutePath().normalize() : from;
        }

        private static String human(JsonNode outcome) {
            StringBuilder out = new StringBuilder();
            String verb = outcome.path("applied").asBoolean() ? "Imported" : outcome.path("dryRun").asBoolean()
                    ? "Would import" : "Would have imported";
            out.append(verb).append(" from ").append(outcome.path("source").asText())
                    .append(" (schema ").append(outcome.path("sourceSchema").asText()).append("): ")
                    .append(outcome.path("users").asInt()).append(" users, ")
                    .append(outcome.path("nodes").asInt()).append(" nodes, ")
                    .append(outcome.path("preAuthKeys").asInt()).append(" pre-auth keys, ")
                    .append(outcome.path("apiKeys").asInt()).append(" API keys, ")
                    .append(outcome.path("policy").asBoolean() ? "the policy." : "no policy (the source keeps none in its database).");
            list(out, outcome.path("notCarried"), "Cannot be carried:");
            list(out, outcome.path("notes"), "Carried with a difference:");
            list(out, outcome.path("refusals"), "Refused:");
            return out.toString();
        }

        private static void list(StringBuilder out, JsonNode items, String heading) {
            if (items.isEmpty()) {
                return;
            }
            out.append('\n').append(heading);
            items.forEach(item -> out.append("\n  - ").append(item.asText()));
        }
    }
}
