package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.eventlog.EventLog;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every route of the public port, enumerated from the server's own route table (its OpenAPI document), against
 * every kind of caller: none, an expired key, a deleted key, a key of each role, a key with full access. Only the
 * allowed combinations get past authorization; the rest get 401 (no valid credential) or 403 (a role without the
 * permission), and change nothing: the event log's head does not move.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AuthorizationMatrixTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Who may call what: docs/identity.md's table, written out again so that a change of either shows here. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "public", Set.of("none", "expired", "deleted", "admin", "network-admin", "auditor", "full"),
            "read", Set.of("admin", "network-admin", "auditor", "full"),
            "report", Set.of("admin", "network-admin", "auditor", "full"),
            "network_write", Set.of("admin", "network-admin", "full"),
            "admin_write", Set.of("admin", "full"));

    /** Each route's permission. A route added to the server and not here fails the test. */
    private static final Map<String, String> NEEDS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /api/v1/user", "read"),
            Map.entry("POST /api/v1/user", "admin_write"),
            Map.entry("POST /api/v1/user/{old_id}/rename/{new_name}", "admin_write"),
            Map.entry("POST /api/v1/user/{id}/roles", "admin_write"),
            Map.entry("POST /api/v1/user/sync-groups", "admin_write"),
            Map.entry("GET /api/v1/user/{id}/groups", "read"),
            Map.entry("DELETE /api/v1/user/{id}", "admin_write"),
            Map.entry("GET /api/v1/preauthkey", "read"),
            Map.entry("POST /api/v1/preauthkey", "network_write"),
            Map.entry("POST /api/v1/preauthkey/expire", "network_write"),
            Map.entry("DELETE /api/v1/preauthkey", "network_write"),
            Map.entry("GET /api/v1/apikey", "read"),
            Map.entry("POST /api/v1/apikey", "admin_write"),
            Map.entry("POST /api/v1/apikey/expire", "admin_write"),
            Map.entry("DELETE /api/v1/apikey/{prefix}", "admin_write"),
            Map.entry("GET /api/v1/node", "read"),
            Map.entry("GET /api/v1/node/{node_id}", "read"),
            Map.entry("DELETE /api/v1/node/{node_id}", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/expire", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/rename/{new_name}", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/tags", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/user", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/approve_routes", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/approve", "network_write"),
            Map.entry("POST /api/v1/node/{node_id}/refuse", "network_write"),
            Map.entry("POST /api/v1/node/backfillips", "network_write"),
            Map.entry("POST /api/v1/node/register", "network_write"),
            Map.entry("POST /api/v1/auth/register", "network_write"),
            Map.entry("POST /api/v1/auth/approve", "network_write"),
            Map.entry("POST /api/v1/auth/reject", "network_write"),
            Map.entry("GET /api/v1/policy", "read"),
            Map.entry("PUT /api/v1/policy", "network_write"),
            Map.entry("POST /api/v1/policy/check", "read"),
            Map.entry("POST /api/v1/policy/impact", "read"),
            Map.entry("GET /api/v1/health", "read"),
            Map.entry("GET /api/v1/openapi.json", "read"),
            Map.entry("POST /api/v1/admin/rebuild-projections", "admin_write"),
            Map.entry("GET /api/v1/version", "read"),
            Map.entry("GET /health", "public"),
            Map.entry("GET /version", "public"),
            Map.entry("GET /register/{auth_id}", "public"),
            Map.entry("POST /verify", "public"),
            Map.entry("GET /api/v1/audit/public-key", "read"),
            Map.entry("GET /api/v1/audit/log", "read"),
            Map.entry("GET /api/v1/audit/export", "read"),
            Map.entry("GET /api/v1/audit/sinks", "read"),
            Map.entry("GET /api/v1/events/stream", "read"),
            Map.entry("GET /api/v1/history/events", "read"),
            Map.entry("GET /api/v1/history/netmap", "read"),
            Map.entry("GET /api/v1/history/access", "read"),
            Map.entry("GET /api/v1/history/diff", "read"),
            Map.entry("GET /api/v1/reports", "read"),
            Map.entry("GET /api/v1/reports/schedules", "read"),
            Map.entry("GET /api/v1/reports/{kind}", "report"),
            Map.entry("POST /api/v1/import/headscale", "admin_write"),
            Map.entry("POST /api/v1/debug/node", "network_write"),
            Map.entry("GET /api/v1/sshcheck", "read"),
            Map.entry("POST /api/v1/sshcheck/{id}/approve", "network_write"),
            Map.entry("POST /api/v1/sshcheck/{id}/reject", "network_write"),
            Map.entry("GET /ssh/check/{id}", "public"),
            Map.entry("POST /console/session", "public"),
            Map.entry("GET /console/session", "public"),
            Map.entry("DELETE /console/session", "public"),
            Map.entry("GET /console/login/methods", "public"),
            Map.entry("GET /console/login/oidc", "public"),
            Map.entry("GET /console", "public"),
            Map.entry("GET /console/{path...}", "public")));

    /**
     * Public, since a session whose person holds no role may still ask about it, but about the browser's own console
     * session: a caller without one is answered 401.
     */
    /** Runs until the client leaves: only its status is read. */
    private static final String EVENT_STREAM = "/api/v1/events/stream";
    private static final Set<String> THE_CALLERS_OWN_SESSION = Set.of("GET /console/session", "DELETE /console/session");
    /** What a console session of each role may do: what a key of the role may. */
    private static final Map<String, String> SESSION_ROLES = Map.of(
            "admin-session", "admin", "network-admin-session", "network-admin", "auditor-session", "auditor");

    private Path dir;
    private RunningServer server;
    private final Map<String, String> keys = new LinkedHashMap<>();
    private long userId;
    private long nodeId;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-authz");
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\n"
                + "metrics_listen_addr: 127.0.0.1:0\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "unix_socket: " + dir.resolve("data/cli.sock") + "\n"
                + "database:\n  type: h2\n");
        keys.put("full", created(cli("apikeys", "create", "--expiration", "1d")));
        for (String role : List.of("admin", "network-admin", "auditor")) {
            keys.put(role, created(cli("apikeys", "create", "--expiration", "1d", "--role", role)));
        }
        String expired = created(cli("apikeys", "create", "--expiration", "1d"));
        CliRun expire = cli("apikeys", "expire", "--prefix", prefixOf(expired));
        assertThat(expire.status()).as(expire.err()).isZero();
        keys.put("expired", expired);
        String deleted = created(cli("apikeys", "create", "--expiration", "1d", "--role", "auditor"));
        CliRun delete = cli("apikeys", "delete", "--prefix", prefixOf(deleted));
        assertThat(delete.status()).as(delete.err()).isZero();
        keys.put("deleted", deleted);

        assertThat(cli("users", "create", "matrix").status()).isZero();
        userId = JSON.readTree(cli("users", "list", "-n", "matrix", "-o", "json").out()).get(0).get("id").asLong();
        String registration = "matrixKey0123456789abcde";
        assertThat(cli("debug", "create-node", "--name", "matrix-box", "--user", "matrix", "--key", registration).status()).isZero();
        assertThat(cli("nodes", "register", "--user", "matrix", "--key", registration).status()).isZero();
        nodeId = JSON.readTree(cli("nodes", "list", "-u", "matrix", "-o", "json").out()).get(0).get("id").asLong();
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

    private static String created(CliRun run) {
        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("hskey-api-");
        return run.out();
    }

    private static String prefixOf(String key) {
        return key.substring("hskey-api-".length(), "hskey-api-".length() + 12);
    }

    /** The routes as the server's own OpenAPI document lists them, with the permission each states. */
    private Map<String, String> routesOfTheServer() throws Exception {
        RunningServer.Reply doc = server.send("GET", "/api/v1/openapi.json", null, Optional.of(keys.get("full")));
        assertThat(doc.status()).isEqualTo(200);
        Map<String, String> routes = new TreeMap<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.json().get("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fields().forEachRemaining(operation -> routes.put(
                    operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue().path("x-chronoscale-permission").asText()));
        }
        return routes;
    }

    @Test
    void everyRouteStatesThePermissionOfTheTable() throws Exception {
        assertThat(routesOfTheServer()).isEqualTo(NEEDS);
    }

    @Test
    void onlyTheAllowedCallersGetPastAuthorizationAndTheRefusedChangeNothing() throws Exception {
        EventLog log = server.bean(EventLog.class);
        List<String> wrong = new ArrayList<>();
        // The refused first, while every target still exists: a refused delete of a real user must leave it.
        List<String> callers = List.of("none", "expired", "deleted", "admin", "network-admin", "auditor", "full");
        for (boolean allowedPass : List.of(false, true)) {
            for (Map.Entry<String, String> route : routesOfTheServer().entrySet()) {
                String method = route.getKey().substring(0, route.getKey().indexOf(' '));
                String path = concrete(route.getKey().substring(method.length() + 1));
                for (String caller : callers) {
                    boolean allowed = ALLOWED.get(NEEDS.get(route.getKey())).contains(caller);
                    if (allowed != allowedPass) {
                        continue;
                    }
                    long before = log.headPosition();
                    Optional<String> key = Optional.ofNullable(keys.get(caller));
                    RunningServer.Reply reply = send(method, path, Set.of("POST", "PUT").contains(method) ? "{}" : null, key);
                    String seen = route.getKey() + " as " + caller + " answered " + reply.status();
                    if (allowed && (reply.status() == 401 || reply.status() == 403)
                            && !(THE_CALLERS_OWN_SESSION.contains(route.getKey()) && reply.status() == 401)) {
                        wrong.add(seen + ", expected past authorization: " + reply.body());
                    }
                    if (!allowed) {
                        int expected = List.of("none", "expired", "deleted").contains(caller) ? 401 : 403;
                        if (reply.status() != expected) {
                            wrong.add(seen + ", expected " + expected);
                        }
                        if (log.headPosition() != before) {
                            wrong.add(seen + " and changed the event log");
                        }
                        if (reply.body().contains("matrix")) {
                            wrong.add(seen + " and showed data: " + reply.body());
                        }
                    }
                }
            }
            if (!allowedPass) {
                // Still there after every refused attempt to delete, rename or move them.
                JsonNode nodes = JSON.readTree(cli("nodes", "list", "-o", "json").out());
                assertThat(nodes).as("the node, after the refused deletes").hasSize(1);
                JsonNode node = nodes.get(0);
                assertThat(node.get("id").asLong()).isEqualTo(nodeId);
                assertThat(node.get("given_name").asText()).isEqualTo("matrix-box");
                assertThat(JSON.readTree(cli("users", "list", "-o", "json").out()).get(0).get("name").asText()).isEqualTo("matrix");
            }
        }
        assertThat(wrong).isEmpty();
    }

    /**
     * The same table through console sessions: a session of each role gets what the role's key gets (an auditor's no
     * change), a change without the CSRF token is refused and changes nothing, and a logged-out session is no
     * credential. Logging in and out are left out for the live sessions: they would end the session they are sent with.
     * Last, since its allowed requests delete what the refused ones of the other tests must find.
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void consoleSessionsGetWhatTheirRoleMayAndNoChangeWithoutTheCsrfToken() throws Exception {
        ConsoleCalls console = ConsoleCalls.of(server);
        Map<String, ConsoleCalls.Session> sessions = new LinkedHashMap<>();
        SESSION_ROLES.forEach((caller, role) -> {
            try {
                sessions.put(caller, console.session(keys.get(role)));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        ConsoleCalls.Session loggedOut = console.session(keys.get("admin"));
        assertThat(console.asConsole(loggedOut, "DELETE", "/console/session", null).status()).isEqualTo(204);
        EventLog log = server.bean(EventLog.class);
        List<String> wrong = new ArrayList<>();
        for (boolean allowedPass : List.of(false, true)) {
            for (Map.Entry<String, String> route : routesOfTheServer().entrySet()) {
                String method = route.getKey().substring(0, route.getKey().indexOf(' '));
                String path = concrete(route.getKey().substring(method.length() + 1));
                String body = Set.of("POST", "PUT").contains(method) ? "{}" : null;
                boolean change = !Set.of("GET", "HEAD").contains(method);
                boolean logInOrOut = route.getKey().endsWith(" /console/session") && change;
                for (Map.Entry<String, ConsoleCalls.Session> session : sessions.entrySet()) {
                    if (logInOrOut) {
                        continue;
                    }
                    boolean allowed = ALLOWED.get(NEEDS.get(route.getKey())).contains(SESSION_ROLES.get(session.getKey()));
                    long before = log.headPosition();
                    if (!allowedPass && change) {
                        ConsoleCalls.Answer noToken = console.withCookie(session.getValue().token(), method, path, body, Map.of());
                        if (noToken.status() != 403 || log.headPosition() != before) {
                            wrong.add(route.getKey() + " as " + session.getKey() + " without the CSRF token answered "
                                    + noToken.status() + (log.headPosition() != before ? " and changed the event log" : ""));
                        }
                    }
                    if (allowed != allowedPass) {
                        continue;
                    }
                    ConsoleCalls.Answer reply = console.asConsole(session.getValue(), method, path, body);
                    String seen = route.getKey() + " as " + session.getKey() + " answered " + reply.status();
                    if (allowed && (reply.status() == 401 || reply.status() == 403)) {
                        wrong.add(seen + ", expected past authorization: " + reply.body());
                    }
                    if (!allowed && (reply.status() != 403 || log.headPosition() != before)) {
                        wrong.add(seen + ", expected 403 and no change");
                    }
                }
                if (!allowedPass && !ALLOWED.get(NEEDS.get(route.getKey())).contains("none")) {
                    long before = log.headPosition();
                    ConsoleCalls.Answer reply = console.asConsole(loggedOut, method, path, body);
                    if (reply.status() != 401 || log.headPosition() != before) {
                        wrong.add(route.getKey() + " with a logged-out session answered " + reply.status() + ", expected 401");
                    }
                }
            }
        }
        assertThat(wrong).isEmpty();
    }

    /** What only admin may do (users, API keys), the CLI over the socket does, and is recorded as the CLI's. */
    @Test
    void theCliOverTheSocketIsAdmin() throws Exception {
        CliRun user = cli("users", "create", "socket-made");
        assertThat(user.status()).as(user.err()).isZero();
        CliRun roles = cli("users", "roles", "-n", "socket-made", "--set", "network-admin");
        assertThat(roles.status()).as(roles.err()).isZero();
        assertThat(cli("users", "destroy", "-n", "socket-made", "--force").status()).isZero();
        JsonNode audit = server.send("GET", "/api/v1/audit/log?action=user.roles_changed", null, Optional.of(keys.get("auditor"))).json();
        JsonNode record = audit.get("records").get(audit.get("records").size() - 1);
        assertThat(record.get("actor").get("type").asText()).isEqualTo("LOCAL_CLI");
        assertThat(record.get("details").get("source").asText()).isEqualTo("cli");
    }

    /** The CLI talking to the server remotely carries its key's role: an auditor's lists, and is refused a write. */
    @Test
    void theCliWithARoleKeyIsRefusedWhatTheRoleMayNot() throws Exception {
        String address = "http://127.0.0.1:" + server.bean(ServerLifecycle.class).boundAddress().getPort();
        CliRun list = CliRun.of("users", "list", "--address", address, "--api-key", keys.get("auditor"));
        assertThat(list.status()).as(list.err()).isZero();
        assertThat(list.out()).contains("matrix");
        long head = server.bean(EventLog.class).headPosition();
        CliRun create = CliRun.of("users", "create", "by-auditor", "--address", address, "--api-key", keys.get("auditor"));
        assertThat(create.status()).isEqualTo(1);
        assertThat(create.err()).contains("this needs the admin_write permission");
        CliRun tag = CliRun.of("nodes", "tag", "-i", Long.toString(nodeId), "-t", "tag:x", "--address", address,
                "--api-key", keys.get("auditor"));
        assertThat(tag.status()).isEqualTo(1);
        assertThat(tag.err()).contains("this needs the network_write permission");
        assertThat(server.bean(EventLog.class).headPosition()).isEqualTo(head);
    }

    /**
     * Each request on a connection of its own: some answers (a streamed rebuild, an export) end their connection, and
     * a pooled one the server has closed would fail the next request before it is sent.
     */
    private RunningServer.Reply send(String method, String path, String body, Optional<String> key) throws Exception {
        int port = server.bean(ServerLifecycle.class).boundAddress().getPort();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
            key.ifPresent(k -> request.header("Authorization", "Bearer " + k));
            if (path.startsWith(EVENT_STREAM)) {
                return new RunningServer.Reply(ConsoleCalls.statusOfStream(http, request.build()), "", "");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new RunningServer.Reply(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        }
    }

    private String concrete(String template) {
        return template.replace("{old_id}", Long.toString(userId)).replace("{id}", Long.toString(userId))
                .replace("{node_id}", Long.toString(nodeId)).replace("{new_name}", "renamed")
                .replace("{prefix}", "AAAAAAAAAAAA").replace("{kind}", "keys").replace("{auth_id}", "nosuch")
                .replace("{path...}", "machines/12");
    }
}
