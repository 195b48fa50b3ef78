package dev.chronoscale.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;

@Command(name = "health", description = "Check that the server answers and reaches its database.")
final class HealthCommand extends ApiCommand {
    @Override
    void run() throws Exception {
        JsonNode health = call("GET", "/api/v1/health", null);
        print(health, health.get("databaseConnectivity").asBoolean() ? "ok: database reachable" : "database unreachable");
    }
}
