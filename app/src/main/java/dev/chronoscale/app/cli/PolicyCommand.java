package dev.chronoscale.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

@Command(name = "policy", description = "Read, check and set the tailnet policy (Tailscale's HuJSON policy language).",
        subcommands = {PolicyCommand.Get.class, PolicyCommand.Set.class, PolicyCommand.Check.class})
final class PolicyCommand {

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

        @Override
        void run() throws Exception {
            print(call("PUT", "/api/v1/policy", object().put("policy", read(file))), "Policy updated.");
        }
    }

    @Command(name = "check", description = "Validate a policy and run its tests without changing anything.")
    static final class Check extends ApiCommand {
        @Option(names = {"-f", "--file"}, required = true)
        Path file;

        @Override
        void run() throws Exception {
            print(call("POST", "/api/v1/policy/check", object().put("policy", read(file))), "Policy is valid");
        }
    }
}
