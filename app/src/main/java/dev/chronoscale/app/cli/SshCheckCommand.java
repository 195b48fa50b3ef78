package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

@Command(name = "ssh-check", description = "Decide Tailscale SSH sessions held by a check rule (shown at /ssh/check/<id>).",
        subcommands = {SshCheckCommand.ListChecks.class, SshCheckCommand.Approve.class, SshCheckCommand.Reject.class})
final class SshCheckCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "list", aliases = {"ls"}, description = "List the SSH checks waiting for a decision.")
    static final class ListChecks extends ApiCommand {
        @Override
        void run() throws Exception {
            JsonNode checks = call("GET", "/api/v1/sshcheck", null).get("checks");
            Table table = new Table("ID", "Source node", "Destination node", "Local user", "Check period", "Opened");
            checks.forEach(c -> table.row(c.get("id").asText(), c.get("sourceNodeId").asText(),
                    c.get("destinationNodeId").asText(), c.get("localUser").asText(), c.get("checkPeriod").asText(),
                    time(c.get("openedAt"))));
            print(checks, table.render());
        }
    }

    /** The path of a decision on check {@code id}; a blank id is refused here, as it names no path. */
    static String decisionPath(String id, String decision) {
        if (id == null || id.isBlank()) {
            throw new CliFailure("an SSH check id is required (see ssh-check list)");
        }
        return "/api/v1/sshcheck/" + URLEncoder.encode(id, StandardCharsets.UTF_8) + "/" + decision;
    }

    @Command(name = "approve", description = "Let a held SSH session in; the source's person is not asked again within the rule's checkPeriod.")
    static final class Approve extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "the check's id (hskey-authreq-...)")
        String id;

        @Override
        void run() throws Exception {
            print(call("POST", decisionPath(id, "approve"), object()).get("check"), "SSH check approved");
        }
    }

    @Command(name = "reject", description = "Turn a held SSH session away.")
    static final class Reject extends ApiCommand {
        @Parameters(paramLabel = "ID", description = "the check's id (hskey-authreq-...)")
        String id;

        @Override
        void run() throws Exception {
            print(call("POST", decisionPath(id, "reject"), object()).get("check"), "SSH check rejected");
        }
    }
}
