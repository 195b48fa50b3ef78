package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.noise.NoiseKeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Turning device approval on changes no node that is already registered: the nodes of a server restarted with
 * {@code node.approval: manual} stay approved and keep seeing each other, while a node registered afterwards waits.
 */
class DeviceApprovalTurnedOnLaterTest {

    private static final AuditContext ADMIN = AuditContext.system("test");

    @TempDir
    Path dir;

    private String yaml(String approval) {
        return "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\n"
                + "dns:\n  base_domain: tail.example\nnode:\n  approval: " + approval + "\ndatabase:\n  type: h2\n";
    }

    private static String key(RunningServer server, long userId) {
        return server.bean(PreAuthKeyAdmin.class).create(Optional.of(userId), true, false,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of(), ADMIN).text();
    }

    private static JsonNode oneShot(ProtocolNode node) throws Exception {
        com.fasterxml.jackson.databind.node.ObjectNode body =
                (com.fasterxml.jackson.databind.node.ObjectNode) ProtocolNode.JSON.readTree(node.mapStreamBody());
        body.put("Stream", false);
        return node.openMapStream(body.toString()).first();
    }

    @Test
    void nodesRegisteredBeforeApprovalWasTurnedOnStayApproved() throws Exception {
        String nodeKey1 = ProtocolNode.randomNodeKey();
        String nodeKey2 = ProtocolNode.randomNodeKey();
        long userId;
        NoiseKeyPair machine1 = NoiseKeyPair.generate();
        NoiseKeyPair machine2 = NoiseKeyPair.generate();
        try (RunningServer before = RunningServer.start(dir, yaml("auto"));
             ProtocolClients clients = new ProtocolClients(before.bean(ServerLifecycle.class).boundAddress())) {
            userId = before.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN).id();
            String key = key(before, userId);
            try (ProtocolNode one = clients.connect(machine1, nodeKey1); ProtocolNode two = clients.connect(machine2, nodeKey2)) {
                assertThat(one.register(one.registerBody(key, "old-one")).get("MachineAuthorized").asBoolean()).isTrue();
                assertThat(two.register(two.registerBody(key, "old-two")).get("MachineAuthorized").asBoolean()).isTrue();
            }
        }

        try (RunningServer after = RunningServer.start(dir, yaml("manual"));
             ProtocolClients clients = new ProtocolClients(after.bean(ServerLifecycle.class).boundAddress());
             ProtocolNode one = clients.connect(machine1, nodeKey1);
             ProtocolNode late = clients.connect(ProtocolNode.randomNodeKey())) {
            JsonNode oldMap = oneShot(one);
            assertThat(oldMap.get("Node").get("MachineAuthorized").asBoolean()).isTrue();
            assertThat(oldMap.get("Peers")).extracting(p -> p.get("Name").asText()).containsExactly("old-two.tail.example.");

            assertThat(late.register(late.registerBody(key(after, userId), "new-three")).get("MachineAuthorized").asBoolean())
                    .isFalse();
            CliRun listed = after.cli("nodes", "list");
            assertThat(listed.out()).containsPattern("(?m)old-one .* approved$").containsPattern("(?m)old-two .* approved$")
                    .containsPattern("(?m)new-three .* pending$");
            assertThat(oneShot(one).get("Peers")).extracting(p -> p.get("Name").asText()).containsExactly("old-two.tail.example.");
        }
    }
}
