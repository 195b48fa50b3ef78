package dev.chronoscale.app.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "auth", description = "Decide interactive logins waiting at /register/<auth id>.",
        subcommands = {AuthCommand.Register.class, AuthCommand.Approve.class, AuthCommand.Reject.class})
final class AuthCommand {

    @Mixin
    PersistentFlags flags;

    @Command(name = "register", description = "Register the waiting node to a user.")
    static final class Register extends ApiCommand {
        @Option(names = {"-u", "--user"}, required = true)
        String user;
        @Option(names = "--auth-id", required = true)
        String authId;

        @Override
        void run() throws Exception {
            call("POST", "/api/v1/auth/register", object().put("user", user).put("authId", authId));
            print(object(), "Node registered");
        }
    }

    @Command(name = "approve", description = "Approve a waiting re-authentication of a known node.")
    static final class Approve extends ApiCommand {
        @Option(names = "--auth-id", required = true)
        String authId;

        @Override
        void run() throws Exception {
            call("POST", "/api/v1/auth/approve", object().put("authId", authId));
            print(object(), "Auth request approved");
        }
    }

    @Command(name = "reject", description = "Reject a waiting login.")
    static final class Reject extends ApiCommand {
        @Option(names = "--auth-id", required = true)
        String authId;

        @Override
        void run() throws Exception {
            call("POST", "/api/v1/auth/reject", object().put("authId", authId));
            print(object(), "Auth request rejected");
        }
    }
}
