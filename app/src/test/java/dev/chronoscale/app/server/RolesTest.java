package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.admin.login.IdpRoles;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.netmap.Netmap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Users' roles and API keys' roles through the real CLI and API: set, listed, refused when unknown, mapped from the
 * identity provider's groups at a login (the seam the OIDC login calls), and resolved in the policy.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RolesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Path dir;
    private RunningServer server;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-roles");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\n"
                + "metrics_listen_addr: 127.0.0.1:0\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: " + dir.resolve("data/cli.sock") + "\n"
                + "database:\n  type: h2\n"
                + "oidc:\n  roles:\n    admin: [\"/chronoscale-admins\"]\n    auditor: [\"/auditors\", \"/compliance\"]\n");
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    private CliRun cli(String... args) {
        return server.cli(args);
    }

    private JsonNode user(String name) throws Exception {
        CliRun list = cli("users", "list", "-n", name, "-o", "json");
        assertThat(list.status()).as(list.err()).isZero();
        return JSON.readTree(list.out()).get(0);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }

    @Test
    void rolesSetByTheCliAreListedAndAnUnknownOneChangesNothing() throws Exception {
        assertThat(cli("users", "create", "erin").status()).isZero();
        CliRun set = cli("users", "roles", "-n", "erin", "--set", "auditor,network-admin");
        assertThat(set.status()).as(set.err()).isZero();
        assertThat(set.out()).isEqualTo("User erin has roles: network-admin, auditor");

        JsonNode erin = user("erin");
        assertThat(texts(erin.get("roles"))).containsExactly("network-admin", "auditor");
        assertThat(erin.has("idp_roles")).isFalse();
        CliRun table = cli("users", "list", "-n", "erin");
        assertThat(table.out().lines().findFirst().orElseThrow()).endsWith("Roles");
        assertThat(table.out()).contains("network-admin, auditor");

        long head = server.bean(EventLog.class).headPosition();
        CliRun unknown = cli("users", "roles", "-n", "erin", "--set", "auditor,owner");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("Error: unknown role 'owner'; roles are admin, network-admin, auditor, member");
        assertThat(server.bean(EventLog.class).headPosition()).isEqualTo(head);
        assertThat(texts(user("erin").get("roles"))).containsExactly("network-admin", "auditor");

        CliRun cleared = cli("users", "roles", "-n", "erin", "--set", "");
        assertThat(cleared.status()).as(cleared.err()).isZero();
        assertThat(cleared.out()).isEqualTo("User erin has roles: none");
    }

    @Test
    void anApiKeysRoleIsListedAndTheMemberRoleIsRefusedForKeys() throws Exception {
        String auditorKey = cli("apikeys", "create", "--role", "auditor").out();
        assertThat(auditorKey).startsWith("hskey-api-");
        CliRun member = cli("apikeys", "create", "--role", "member");
        assertThat(member.status()).isEqualTo(1);
        assertThat(member.err()).contains("member role could use nothing of the API");

        String prefix = auditorKey.substring("hskey-api-".length(), "hskey-api-".length() + 12);
        String listed = cli("apikeys", "list").out();
        assertThat(listed.lines().findFirst().orElseThrow()).endsWith("Role");
        assertThat(listed.lines().filter(line -> line.contains(prefix)).findFirst().orElseThrow()).endsWith("auditor");
        JsonNode json = JSON.readTree(cli("apikeys", "list", "-o", "json").out());
        List<String> roles = new ArrayList<>();
        json.forEach(k -> roles.add(k.path("role").asText("")));
        assertThat(roles).contains("auditor");

        // The key reads, and may not write.
        assertThat(server.send("GET", "/api/v1/user", null, Optional.of(auditorKey)).status()).isEqualTo(200);
        RunningServer.Reply write = server.send("POST", "/api/v1/user", "{\"name\":\"by-auditor\"}", Optional.of(auditorKey));
        assertThat(write.status()).isEqualTo(403);
        assertThat(write.json().get("detail").asText())
                .isEqualTo("this needs the admin_write permission, which admin have; this caller has auditor");
    }

    @Test
    void aLoginReplacesTheProvidersRolesAndLeavesTheOperators() throws Exception {
        assertThat(cli("users", "create", "gina").status()).isZero();
        long id = user("gina").get("id").asLong();
        assertThat(cli("users", "roles", "-n", "gina", "--set", "network-admin").status()).isZero();
        IdpRoles idp = server.bean(IdpRoles.class);
        AuditContext login = new AuditContext(ActorType.SYSTEM, "oidc", Optional.empty(), Optional.empty());

        idp.applyIdpClaims(id, Map.of("groups", List.of("/ops", "/chronoscale-admins", "/compliance")), login);
        JsonNode gina = user("gina");
        assertThat(texts(gina.get("roles"))).containsExactly("admin", "network-admin", "auditor");
        assertThat(texts(gina.get("idp_roles"))).containsExactly("admin", "auditor");
        assertThat(cli("users", "list", "-n", "gina").out()).contains("admin (idp), network-admin, auditor (idp)");

        long head = server.bean(EventLog.class).headPosition();
        idp.applyIdpRoles(id, List.of("/compliance", "/chronoscale-admins"), login);
        assertThat(server.bean(EventLog.class).headPosition()).as("the same roles again record nothing").isEqualTo(head);

        idp.applyIdpRoles(id, List.of("/ops"), login);
        assertThat(texts(user("gina").get("roles"))).containsExactly("network-admin");
    }

    @Test
    void aRoleAutogroupInThePolicyFollowsTheUsersRoles() throws Exception {
        for (String name : List.of("hank", "ivy")) {
            assertThat(cli("users", "create", name).status()).isZero();
            String key = (name + "Key0123456789abcdefghij").substring(0, 24);
            assertThat(cli("debug", "create-node", "--name", name + "-box", "--user", name, "--key", key).status()).isZero();
            assertThat(cli("nodes", "register", "--user", name, "--key", key).status()).isZero();
        }
        Path policy = dir.resolve("auditors.hujson");
        Files.writeString(policy, """
                {
                  "acls": [{"action": "accept", "src": ["autogroup:auditor"], "dst": ["ivy@:22"]}],
                  "tests": [{"src": "hank@", "accept": ["ivy@:22"]}],
                }
                """);
        CliRun before = cli("policy", "check", "--file", policy.toString());
        assertThat(before.status()).isEqualTo(1);
        assertThat(before.err()).contains("test(s) failed");

        assertThat(cli("users", "roles", "-n", "hank", "--set", "auditor").status()).isZero();
        server.bean(Netmap.class).whenAt(server.bean(EventLog.class).headPosition()).get(30, TimeUnit.SECONDS);
        CliRun after = cli("policy", "check", "--file", policy.toString());
        assertThat(after.status()).as(after.err()).isZero();
    }
}
