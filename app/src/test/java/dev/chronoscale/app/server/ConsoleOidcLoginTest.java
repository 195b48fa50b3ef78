package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's login through a real Keycloak with the scripted browser: the trip ends on the console page asked for
 * with a session whose roles are the person's user's roles (none at first: the session says so and reads nothing;
 * an operator's role counts at the next login, and the provider's groups through {@code oidc.roles.*}), and what the
 * person changes through it names them. A {@code next} outside the console ends on its home page.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleOidcLoginTest {

    private Path dir;
    private TestKeycloak keycloak;
    private RunningServer server;
    private String base;
    private String apiKey;

    @BeforeAll
    void start() throws Exception {
        keycloak = TestKeycloak.shared();
        dir = Files.createTempDirectory("chronoscale-console-oidc");
        Path secret = dir.resolve("client-secret");
        Files.writeString(secret, TestKeycloak.CLIENT_SECRET + "\n");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://127.0.0.1:" + port;
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:" + port + "\nserver_url: " + base + "\n"
                + "metrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\ndatabase:\n  type: h2\n"
                + "oidc:\n  issuer: " + keycloak.issuer() + "\n  client_id: " + TestKeycloak.CLIENT_ID + "\n"
                + "  client_secret_path: " + secret + "\n"
                + "  allowed_domains: [example.com]\n"
                + "  roles:\n    network_admin: [\"/ops\"]\n");
        CliRun key = server.cli("apikeys", "create", "--expiration", "1d");
        assertThat(key.status()).as(key.err()).isZero();
        apiKey = key.out().trim();
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    private URI login(String next) {
        return URI.create(base + "/console/login/oidc?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }

    private ConsoleCalls.Answer asBrowser(ScriptedBrowser browser, String method, String path, Map<String, String> more)
            throws Exception {
        return ConsoleCalls.of(server).withCookie(browser.cookie("127.0.0.1", ConsoleCalls.COOKIE).orElseThrow(),
                method, path, method.equals("GET") ? null : "{}", more);
    }

    @Test
    void aPersonLogsInThroughTheProviderWithTheRolesOfTheirUser() throws Exception {
        assertThat(ConsoleCalls.of(server).send("GET", "/console/login/methods", null, Map.of()).json().toString())
                .isEqualTo("{\"apiKey\":true,\"oidc\":true}");
        String person = "dana-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(person, person + "@example.com", true);
        ScriptedBrowser browser = new ScriptedBrowser();
        ScriptedBrowser.Page page = browser.logIn(login("/console/machines/12"), person, person + "-password");
        assertThat(page.url().getPath()).as(page.body()).isEqualTo("/console/machines/12");

        JsonNode session = asBrowser(browser, "GET", "/console/session", Map.of()).json();
        assertThat(session.get("method").asText()).isEqualTo("oidc");
        assertThat(session.get("user").asText()).isEqualTo(person + " Test");
        assertThat(session.get("roles").toString()).as("a person no one gave a role").isEqualTo("[]");
        assertThat(asBrowser(browser, "GET", "/api/v1/user", Map.of()).status()).isEqualTo(403);

        CliRun roles = server.cli("users", "roles", "-n", person, "--set", "admin");
        assertThat(roles.status()).as(roles.err()).isZero();
        // Keycloak's session spares the form this time.
        ScriptedBrowser.Page again = browser.open(login("https://evil.example/steal"));
        assertThat(again.url().toString()).isEqualTo(base + "/console/");
        JsonNode admin = asBrowser(browser, "GET", "/console/session", Map.of()).json();
        assertThat(admin.get("roles").toString()).isEqualTo("[\"admin\"]");

        String name = "made-by-" + person;
        ConsoleCalls.Answer made = ConsoleCalls.of(server).withCookie(browser.cookie("127.0.0.1", ConsoleCalls.COOKIE).orElseThrow(),
                "POST", "/api/v1/user", "{\"name\":\"" + name + "\"}", Map.of("X-CSRF-Token", admin.get("csrfToken").asText(),
                        "Origin", base, "X-Chronoscale-Reason", "from the console"));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode records = server.send("GET", "/api/v1/audit/log?action=user.created&limit=1000", null, Optional.of(apiKey))
                .json().get("records");
        JsonNode record = records.get(records.size() - 1);
        assertThat(record.get("target").get("name").asText()).isEqualTo(name);
        assertThat(record.get("actor").get("type").asText()).isEqualTo("OIDC");
        assertThat(record.get("actor").get("id").asText()).startsWith(keycloak.issuer() + "/");
        assertThat(record.get("reason").asText()).isEqualTo("from the console");
    }

    @Test
    void theProvidersGroupsGiveTheirMappedRoles() throws Exception {
        String person = "olga-" + UUID.randomUUID().toString().substring(0, 8);
        keycloak.createUser(person, person + "@example.com", true, "/ops");
        ScriptedBrowser browser = new ScriptedBrowser();
        assertThat(browser.logIn(login("/console/"), person, person + "-password").url().getPath()).isEqualTo("/console/");
        assertThat(asBrowser(browser, "GET", "/console/session", Map.of()).json().get("roles").toString())
                .isEqualTo("[\"network-admin\"]");
        assertThat(asBrowser(browser, "GET", "/api/v1/node", Map.of()).status()).isEqualTo(200);
    }
}
