package dev.chronoscale.app.server;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code policy.mode: file} the file is the policy: a write through the API is refused as Headscale refuses it
 * (gRPC Unknown, HTTP 500, "update is disabled for modes other than 'database'"), which Headplane reads as a policy
 * it may not write, and the policy in force stays.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyFileModeApiTest {

    private static final String POLICY = "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:443\"]}]}";

    private ToolServer tool;

    @BeforeAll
    void start() throws Exception {
        Path file = Files.createTempFile("chronoscale-policy", ".hujson");
        Files.writeString(file, POLICY);
        tool = ToolServer.start("policy:\n  mode: file\n  path: " + file + "\n");
        Files.delete(file);
    }

    @AfterAll
    void stop() {
        tool.close();
    }

    @Test
    void writesAreRefusedAsHeadscaleRefusesThemAndTheFilesPolicyStays() throws Exception {
        Map<String, String> headers = Map.of("Authorization", "Bearer " + tool.apiKey, "Accept", "application/json",
                "Content-Type", "application/json");
        for (String body : new String[] {"{\"policy\":\"{}\"}", "{}"}) {
            RunningServer.Reply refused = tool.server.request("PUT", "/api/v1/policy", body, headers);
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.json().get("code").asInt()).isEqualTo(2);
            assertThat(refused.json().get("message").asText()).isEqualTo("update is disabled for modes other than 'database'");
            assertThat(refused.body()).contains("update is disabled");
        }
        RunningServer.Reply read = tool.server.request("GET", "/api/v1/policy", null, headers);
        assertThat(read.json().get("policy").asText()).isEqualTo(POLICY);

        CliRun set = tool.server.cli("policy", "set", "--file", "/dev/null");
        assertThat(set.status()).isNotZero();
        assertThat(set.err()).contains("update is disabled");
    }
}
