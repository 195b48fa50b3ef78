package dev.chronoscale.app.server;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.eventlog.EventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The web console's sessions over real HTTP: logging in with an API key puts a token in an HttpOnly, SameSite=Strict
 * cookie and nowhere else; the cookie is a credential on /api/v1 whose changes need the CSRF token and the server's
 * own origin; logout, idle timeout, lifetime and the key's end all end it; a restart keeps it. Every log line and
 * every answer is checked for the tokens.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleSessionTest {

    private static final Duration IDLE = Duration.ofMinutes(10);
    private static final Duration LIFETIME = Duration.ofHours(1);

    private final MovableClock clock = new MovableClock();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    /** Every session token the tests saw, and every answer's body, to check none shows a token. */
    private final List<String> tokens = new ArrayList<>();
    private final List<String> bodies = new ArrayList<>();
    private Path dir;
    private String yaml;
    private RunningServer server;
    private ConsoleCalls console;
    private String adminKey;
    private String auditorKey;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-console");
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        yaml = "listen_addr: 127.0.0.1:" + port + "\nserver_url: http://127.0.0.1:" + port + "\n"
                + "metrics_listen_addr: \"\"\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "database:\n  type: h2\n"
                + "console:\n  session_idle_timeout: 10m\n  session_lifetime: 1h\n";
        startServer();
        adminKey = created(server.cli("apikeys", "create", "--expiration", "1d"));
        auditorKey = created(server.cli("apikeys", "create", "--expiration", "1d", "--role", "auditor"));
        logs.start();
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).addAppender(logs);
    }

    private void startServer() throws Exception {
        server = RunningServer.start(dir, yaml, Map.of(), Optional.of(clock));
        console = ConsoleCalls.of(server);
    }

    @AfterAll
    void stop() {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logs);
        if (server != null) {
            server.close();
        }
        org.springframework.util.FileSystemUtils.deleteRecursively(dir.toFile());
    }

    private static String created(CliRun run) {
        assertThat(run.status()).as(run.err()).isZero();
        return run.out().trim();
    }

    private ConsoleCalls.Answer seen(ConsoleCalls.Answer answer) {
        bodies.add(answer.body());
        return answer;
    }

    private ConsoleCalls.Session session(String key) throws Exception {
        ConsoleCalls.Session session = console.session(key);
        tokens.add(session.token());
        return session;
    }

    private int storedSessions() {
        return server.bean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM console_session", Integer.class);
    }

    @Test
    void anApiKeyLogsInToASessionHeldOnlyInAStrictHttpOnlyCookie() throws Exception {
        ConsoleCalls.Answer login = seen(console.logIn(adminKey));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        String token = login.token();
        tokens.add(token);
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        assertThat(login.setCookie().orElseThrow()).isEqualTo("chronoscale_console=" + token + "; Path=/; HttpOnly; SameSite=Strict");
        JsonNode body = login.json();
        String prefix = adminKey.substring("hskey-api-".length(), "hskey-api-".length() + 12);
        assertThat(body.get("user").asText()).isEqualTo("API key " + prefix);
        assertThat(body.get("roles").toString()).isEqualTo("[\"admin\"]");
        assertThat(body.get("method").asText()).isEqualTo("apikey");
        assertThat(body.get("csrfToken").asText()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(token);
        assertThat(Instant.parse(body.get("expiresAt").asText())).isBetween(clock.instant().plus(IDLE).minusSeconds(2),
                clock.instant().plus(IDLE).plusSeconds(1));
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("user", "roles", "csrfToken", "expiresAt", "method");
        assertThat(login.header("Content-Security-Policy").orElseThrow()).contains("default-src 'self'").contains("frame-ancestors 'none'");

        ConsoleCalls.Answer shown = seen(console.withCookie(token, "GET", "/console/session", null, Map.of()));
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.json().get("csrfToken").asText()).isEqualTo(body.get("csrfToken").asText());
        ConsoleCalls.Answer users = seen(console.withCookie(token, "GET", "/api/v1/user", null, Map.of()));
        assertThat(users.status()).as(users.body()).isEqualTo(200);
        assertThat(users.json().has("users")).isTrue();

        // The table keeps a hash: nothing stored is the token.
        List<Map<String, Object>> rows = server.bean(JdbcTemplate.class).queryForList("SELECT * FROM console_session");
        assertThat(rows.toString()).doesNotContain(token);
    }

    @Test
    void aWrongExpiredOrDeletedKeyOrABadBodyOpensNoSession() throws Exception {
        String expired = created(server.cli("apikeys", "create", "--expiration", "1d"));
        assertThat(server.cli("apikeys", "expire", "--prefix", prefixOf(expired)).status()).isZero();
        String deleted = created(server.cli("apikeys", "create", "--expiration", "1d"));
        assertThat(server.cli("apikeys", "delete", "--prefix", prefixOf(deleted)).status()).isZero();
        String forged = adminKey.substring(0, adminKey.length() - 4) + "AAAA";
        int before = storedSessions();
        for (String key : List.of(forged, expired, deleted, "not-a-key")) {
            ConsoleCalls.Answer refused = seen(console.logIn(key));
            assertThat(refused.status()).as(key).isEqualTo(401);
            assertThat(refused.header("Content-Type").orElseThrow()).isEqualTo("application/problem+json");
            assertThat(refused.setCookie()).isEmpty();
        }
        for (String body : List.of("", "{}", "{\"apiKey\": 7}", "not json")) {
            ConsoleCalls.Answer bad = seen(console.send("POST", "/console/session", body, Map.of()));
            assertThat(bad.status()).as(body).isEqualTo(400);
            assertThat(bad.setCookie()).isEmpty();
        }
        assertThat(storedSessions()).isEqualTo(before);
        assertThat(seen(console.send("GET", "/console/session", null, Map.of())).status()).isEqualTo(401);
        assertThat(seen(console.withCookie("forged-token", "GET", "/console/session", null, Map.of())).status()).isEqualTo(401);
    }

    @Test
    void aChangeThroughTheCookieNeedsTheCsrfTokenAndThisServersOrigin() throws Exception {
        ConsoleCalls.Session session = session(adminKey);
        EventLog log = server.bean(EventLog.class);
        long head = log.headPosition();
        String body = "{\"name\":\"csrf-victim\"}";
        ConsoleCalls.Answer noToken = seen(console.withCookie(session.token(), "POST", "/api/v1/user", body, Map.of()));
        assertThat(noToken.status()).isEqualTo(403);
        assertThat(noToken.json().get("detail").asText()).isEqualTo("missing or wrong CSRF token");
        ConsoleCalls.Answer wrongToken = seen(console.withCookie(session.token(), "POST", "/api/v1/user", body,
                Map.of("X-CSRF-Token", session.csrfToken().substring(1) + "x")));
        assertThat(wrongToken.status()).isEqualTo(403);
        ConsoleCalls.Answer otherSite = seen(console.withCookie(session.token(), "POST", "/api/v1/user", body,
                Map.of("X-CSRF-Token", session.csrfToken(), "Origin", "https://evil.example")));
        assertThat(otherSite.status()).isEqualTo(403);
        assertThat(otherSite.json().get("detail").asText()).contains("origin");
        assertThat(log.headPosition()).as("nothing refused changed anything").isEqualTo(head);
        assertThat(server.cli("users", "list", "-n", "csrf-victim", "-o", "json").out()).doesNotContain("csrf-victim");

        ConsoleCalls.Answer made = seen(console.withCookie(session.token(), "POST", "/api/v1/user", body,
                Map.of("X-CSRF-Token", session.csrfToken(), "Origin", console.origin(), "X-Chronoscale-Reason", "CHG-7 from the console")));
        assertThat(made.status()).as(made.body()).isEqualTo(200);
        JsonNode record = lastRecord("user.created");
        assertThat(record.get("actor").get("type").asText()).isEqualTo("API_KEY");
        assertThat(record.get("actor").get("id").asText()).isEqualTo(prefixOf(adminKey));
        assertThat(record.get("reason").asText()).isEqualTo("CHG-7 from the console");
    }

    @Test
    void aBearerTokenWinsOverTheCookie() throws Exception {
        ConsoleCalls.Session admin = session(adminKey);
        ConsoleCalls.Answer asAuditor = seen(console.withCookie(admin.token(), "POST", "/api/v1/user", "{\"name\":\"by-bearer\"}",
                Map.of("Authorization", "Bearer " + auditorKey, "X-CSRF-Token", admin.csrfToken())));
        assertThat(asAuditor.status()).isEqualTo(403);
        assertThat(asAuditor.json().get("detail").asText()).contains("admin_write");
        ConsoleCalls.Answer badBearer = seen(console.withCookie(admin.token(), "GET", "/api/v1/user", null,
                Map.of("Authorization", "Bearer hskey-api-nonsense")));
        assertThat(badBearer.status()).isEqualTo(401);
    }

    @Test
    void logoutNeedsTheCsrfTokenAndEndsTheSession() throws Exception {
        ConsoleCalls.Session session = session(auditorKey);
        assertThat(seen(console.withCookie(session.token(), "DELETE", "/console/session", null, Map.of())).status()).isEqualTo(403);
        assertThat(seen(console.asConsole(session, "GET", "/console/session", null)).status()).isEqualTo(200);

        ConsoleCalls.Answer out = seen(console.asConsole(session, "DELETE", "/console/session", null));
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.setCookie().orElseThrow()).isEqualTo("chronoscale_console=; Max-Age=0; Path=/; HttpOnly; SameSite=Strict");
        assertThat(seen(console.asConsole(session, "GET", "/console/session", null)).status()).isEqualTo(401);
        assertThat(seen(console.asConsole(session, "GET", "/api/v1/user", null)).status()).isEqualTo(401);
        assertThat(seen(console.asConsole(session, "DELETE", "/console/session", null)).status()).isEqualTo(401);
    }

    @Test
    void aSessionEndsAfterItsIdleTimeoutAndItsLifetimeAndWithItsKey() throws Exception {
        ConsoleCalls.Session idle = session(auditorKey);
        ConsoleCalls.Session used = session(auditorKey);
        ConsoleCalls.Session absolute = session(auditorKey);
        for (int i = 0; i < 6; i++) {
            // 6 x 9 minutes: past the idle timeout of the unused one, within the lifetime of the others
            clock.advance(Duration.ofMinutes(9));
            assertThat(seen(console.asConsole(used, "GET", "/api/v1/user", null)).status()).as("used, round " + i).isEqualTo(200);
            assertThat(seen(console.asConsole(absolute, "GET", "/console/session", null)).status()).isEqualTo(200);
        }
        assertThat(seen(console.asConsole(idle, "GET", "/console/session", null)).status()).isEqualTo(401);
        clock.advance(Duration.ofMinutes(7));
        // 61 minutes after login: past the lifetime, however recently used
        assertThat(seen(console.asConsole(absolute, "GET", "/console/session", null)).status()).isEqualTo(401);
        assertThat(seen(console.asConsole(used, "GET", "/api/v1/user", null)).status()).isEqualTo(401);

        String shortLived = created(server.cli("apikeys", "create", "--expiration", "1d", "--role", "auditor"));
        ConsoleCalls.Session ofTheKey = session(shortLived);
        assertThat(seen(console.asConsole(ofTheKey, "GET", "/console/session", null)).status()).isEqualTo(200);
        assertThat(server.cli("apikeys", "delete", "--prefix", prefixOf(shortLived)).status()).isZero();
        assertThat(seen(console.asConsole(ofTheKey, "GET", "/api/v1/user", null)).status()).isEqualTo(401);
    }

    @Test
    void aSessionSurvivesARestart() throws Exception {
        ConsoleCalls.Session session = session(auditorKey);
        server.close();
        startServer();
        ConsoleCalls.Answer after = seen(console.asConsole(session, "GET", "/console/session", null));
        assertThat(after.status()).as(after.body()).isEqualTo(200);
        assertThat(after.json().get("csrfToken").asText()).isEqualTo(session.csrfToken());
        assertThat(after.json().get("roles").toString()).isEqualTo("[\"auditor\"]");
    }

    @Test
    void anHttpsServerUrlMakesTheCookieSecureAndConsoleDisabledServesNoConsole() throws Exception {
        Path other = Files.createTempDirectory("chronoscale-console-other");
        Files.createDirectories(other.resolve("https"));
        Files.createDirectories(other.resolve("off"));
        String base = "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\ndatabase:\n  type: h2\n";
        try (RunningServer https = RunningServer.start(other.resolve("https"), "server_url: https://hs.example.com\n"
                + "data_dir: " + other.resolve("https/data") + "\n" + base)) {
            String key = created(https.cli("apikeys", "create", "--expiration", "1d"));
            ConsoleCalls.Answer login = seen(ConsoleCalls.of(https).logIn(key));
            assertThat(login.status()).isEqualTo(200);
            tokens.add(login.token());
            assertThat(login.setCookie().orElseThrow()).endsWith("; Path=/; HttpOnly; SameSite=Strict; Secure");
            // A change from the page of the server's own https origin passes; the plain-http one is another origin.
            ConsoleCalls.Session session = new ConsoleCalls.Session(login.token(), login.json().get("csrfToken").asText());
            assertThat(ConsoleCalls.of(https).asConsole(session, "DELETE", "/console/session", null).status()).isEqualTo(204);
        }
        try (RunningServer disabled = RunningServer.start(other.resolve("off"), "console:\n  enabled: false\n"
                + "data_dir: " + other.resolve("off/data") + "\n" + base)) {
            String key = created(disabled.cli("apikeys", "create", "--expiration", "1d"));
            ConsoleCalls calls = ConsoleCalls.of(disabled);
            assertThat(calls.logIn(key).status()).isEqualTo(404);
            assertThat(calls.send("GET", "/console/", null, Map.of()).status()).isEqualTo(404);
            assertThat(calls.send("GET", "/console/login/methods", null, Map.of()).status()).isEqualTo(404);
            assertThat(calls.send("GET", "/api/v1/user", null, Map.of("Cookie", "chronoscale_console=anything")).status()).isEqualTo(401);
        } finally {
            org.springframework.util.FileSystemUtils.deleteRecursively(other.toFile());
        }
    }

    /** Last: over the tokens and answers of every test before. */
    @Test
    @Order(99)
    void noTokenIsInALogLineOrAnAnswer() throws Exception {
        session(adminKey);
        assertThat(tokens).isNotEmpty();
        for (String token : tokens) {
            for (ILoggingEvent event : List.copyOf(logs.list)) {
                assertThat(event.getFormattedMessage()).doesNotContain(token);
            }
            for (String body : bodies) {
                assertThat(body).doesNotContain(token);
            }
        }
        assertThat(logs.list.stream().map(ILoggingEvent::getFormattedMessage))
                .anyMatch(line -> line.startsWith("console session opened with API key " + prefixOf(adminKey)));
    }

    private JsonNode lastRecord(String action) throws Exception {
        JsonNode records = server.send("GET", "/api/v1/audit/log?action=" + action, null, Optional.of(adminKey)).json().get("records");
        return records.get(records.size() - 1);
    }

    private static String prefixOf(String key) {
        return key.substring("hskey-api-".length(), "hskey-api-".length() + 12);
    }
}
