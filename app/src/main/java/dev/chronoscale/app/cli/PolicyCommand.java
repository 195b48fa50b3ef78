package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "policy", description = "Read, check and set the tailnet policy (Tailscale's HuJSON policy language).",
        subcommands = {PolicyCommand.Get.class, PolicyCommand.Set.class, PolicyCommand.Check.class})
final class PolicyCommand {

    @Mixin
    PersistentFlags flags;

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + file + ": " + e.getMessage());
        }
    }

    @Command(name = "get", aliases = {"show", "view", "fetch"}, description = "Print the policy in force.")
    static final class Get extends ApiCommand {
        @Mixin
        AtInstant at;

        @Override
        void run() {
            System.out.println(call("GET", at.on("/api/v1/policy"), null).get("policy").asText());
        }
    }

    @Command(name = "set", aliases = {"put", "update"}, description = "Put a new policy in force; a failing policy is refused and the old one stays.")
    static final class Set extends ApiCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Option(names = "--impact", description = "First print the access the policy adds and removes, then apply it.")
        boolean impact;

        @Override
        void run() throws Exception {
            String text = read(file);
            if (impact) {
                printImpact(this, call("POST", "/api/v1/policy/impact", object().put("policy", text)));
            }
            print(call("PUT", "/api/v1/policy", object().put("policy", text)), "Policy updated.");
        }
    }

    @Command(name = "check", description = "Validate a policy and run its tests without changing anything.")
    static final class Check extends ApiCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Option(names = "--impact", description = "Also list the access the policy would add and remove against the one in force.")
        boolean impact;

        @Override
        void run() throws Exception {
            if (impact) {
                printImpact(this, call("POST", "/api/v1/policy/impact", object().put("policy", read(file))));
                return;
            }
            print(call("POST", "/api/v1/policy/check", object().put("policy", read(file))), "Policy is valid");
        }
    }

    /** The access a policy gains and loses: two tables, or the server's document with -o. */
    static void printImpact(ApiCommand command, JsonNode change) throws Exception {
        if (command.machineOutput()) {
            command.printDocument(change);
            return;
        }
        StringBuilder out = new StringBuilder("Policy is valid. Against the policy in force it");
        for (String side : List.of("gained", "lost")) {
            JsonNode rows = change.get(side);
            out.append(side.equals("gained") ? " adds " : "\nand removes ").append(rows.size()).append(" access row(s)")
                    .append(rows.isEmpty() ? "." : ":\n");
            if (!rows.isEmpty()) {
                out.append(AccessTable.of(rows));
            }
        }
        System.out.println(out);
    }
}
