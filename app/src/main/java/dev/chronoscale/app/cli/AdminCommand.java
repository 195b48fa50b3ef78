package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

import java.io.IOException;

@Command(name = "admin", description = "Maintenance.", subcommands = AdminCommand.RebuildProjections.class)
final class AdminCommand {

    @Command(name = "rebuild-projections", description = "Rebuild the inventory tables from the event store, with progress.")
    static final class RebuildProjections extends ApiCommand {
        @Override
        void run() {
            call("POST", "/api/v1/admin/rebuild-projections", null, this::show);
            System.err.println();
        }

        private void show(String line) {
            try {
                JsonNode progress = JSON.readTree(line);
                if (progress.has("error")) {
                    throw new CliFailure("rebuild failed: " + progress.get("error").path("detail").asText());
                }
                if (progress.has("replayed")) {
                    System.out.println((System.console() != null ? "\n" : "") + "Replayed " + progress.get("replayed").asLong() + " events");
                    return;
                }
                long done = progress.get("done").asLong();
                long total = Math.max(1, progress.get("total").asLong());
                int width = 40;
                int filled = (int) (width * done / total);
                System.err.print("\r[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + progress.get("total").asLong());
            } catch (IOException e) {
                throw new CliFailure("unexpected progress line from server: " + line);
            }
        }
    }
}
