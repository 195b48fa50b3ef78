package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * A real Keycloak for the identity tests, started once per test JVM from the distribution Maven copied to
 * {@code target/keycloak/keycloak-dist.zip} ({@code start-dev} on a free port, its own empty database), with the
 * realm {@code chronoscale} of {@code src/test/resources/keycloak/chronoscale-realm.json} imported: the device
 * login client {@code chronoscale} (secret {@link #CLIENT_SECRET}, a {@code groups} claim with full paths), the
 * service account client {@code chronoscale-sync} (secret {@link #SYNC_CLIENT_SECRET}, may read users and
 * groups), users alice (/ops, /chronoscale-admins), bob (/contractors), carol (/auditors, e-mail not verified)
 * and dave (/ops/oncall), each with the password {@code <name>-password}. Stopped when the JVM exits.
 */
final class TestKeycloak {

    static final String REALM = "chronoscale";
    static final String CLIENT_ID = "chronoscale";
    static final String CLIENT_SECRET = "chronoscale-client-secret";
    static final String SYNC_CLIENT_ID = "chronoscale-sync";
    static final String SYNC_CLIENT_SECRET = "chronoscale-sync-secret";
    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "keycloak-test-admin";
    private static final Duration START_TIMEOUT = Duration.ofMinutes(4);

    private static TestKeycloak shared;

    private final URI base;
    private final Process process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private TestKeycloak(URI base, Process process) {
        this.base = base;
        this.process = process;
    }

    /** The one Keycloak of this JVM, started on first use. */
    static synchronized TestKeycloak shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** The issuer URL of the test realm, as Keycloak writes it into tokens ({@code oidc.issuer}). */
    String issuer() {
        return base.resolve("/realms/" + REALM).toString();
    }

    /** Keycloak's own base URL ({@code http://127.0.0.1:PORT}), for the admin client's server URL. */
    String serverUrl() {
        return base.toString().replaceAll("/$", "");
    }

    /**
     * Creates a user of the test realm with {@code <username>-password} as password, in the groups at
     * {@code groupPaths}. The Keycloak is shared by every test of the JVM: a test that changes a user's
     * groups makes its own user rather than changing the realm's.
     */
    void createUser(String username, String email, boolean emailVerified, String... groupPaths) throws IOException, InterruptedException {
        var user = json.createObjectNode()
                .put("username", username).put("enabled", true).put("email", email).put("emailVerified", emailVerified)
                .put("firstName", username).put("lastName", "Test");
        user.putArray("credentials").addObject().put("type", "password").put("value", username + "-password").put("temporary", false);
        var groups = user.putArray("groups");
        for (String path : groupPaths) {
            groups.add(path);
        }
        HttpResponse<String> reply = http.send(admin("POST", "users", HttpRequest.BodyPublishers.ofString(user.toString()))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 201) {
            throw new IllegalStateException("Keycloak create user answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    /** Changes {@code username}'s e-mail (kept verified) through the admin REST API. */
    void changeEmail(String username, String email) throws IOException, InterruptedException {
        String userId = adminGet("users?exact=true&username=" + encode(username)).get(0).get("id").asText();
        String body = json.createObjectNode().put("email", email).put("emailVerified", true).toString();
        HttpResponse<String> reply = http.send(admin("PUT", "users/" + userId, HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 204) {
            throw new IllegalStateException("Keycloak update user answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    /** Puts {@code username} into the group at {@code groupPath} (e.g. {@code /contractors}) through the admin REST API. */
    void addToGroup(String username, String groupPath) throws IOException, InterruptedException {
        changeGroup(username, groupPath, "PUT");
    }

    /** Takes {@code username} out of the group at {@code groupPath}. */
    void removeFromGroup(String username, String groupPath) throws IOException, InterruptedException {
        changeGroup(username, groupPath, "DELETE");
    }

    /** The admin REST API's answer to {@code GET /admin/realms/chronoscale/<path>}. */
    JsonNode adminGet(String path) throws IOException, InterruptedException {
        HttpResponse<String> reply = http.send(admin("GET", path, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin GET " + path + " answered " + reply.statusCode() + ": " + reply.body());
        }
        return json.readTree(reply.body());
    }

    private void changeGroup(String username, String groupPath, String method) throws IOException, InterruptedException {
        String userId = adminGet("users?exact=true&username=" + encode(username)).get(0).get("id").asText();
        String groupId = adminGet("group-by-path" + groupPath).get("id").asText();
        HttpResponse<String> reply = http.send(admin(method, "users/" + userId + "/groups/" + groupId,
                HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 204) {
            throw new IllegalStateException("Keycloak " + method + " group membership answered " + reply.statusCode() + ": " + reply.body());
        }
    }

    private HttpRequest.Builder admin(String method, String path, HttpRequest.BodyPublisher body) throws IOException, InterruptedException {
        return HttpRequest.newBuilder(base.resolve("/admin/realms/" + REALM + "/" + path))
                .header("Authorization", "Bearer " + adminToken())
                .method(method, body);
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=" + ADMIN + "&password=" + ADMIN_PASSWORD;
        HttpResponse<String> reply = http.send(HttpRequest.newBuilder(base.resolve("/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (reply.statusCode() != 200) {
            throw new IllegalStateException("Keycloak admin login answered " + reply.statusCode() + ": " + reply.body());
        }
        return json.readTree(reply.body()).get("access_token").asText();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static TestKeycloak start() {
        try {
            Path home = unpacked();
            Path data = home.resolve("data");
            deleteTree(data);
            Files.createDirectories(data.resolve("import"));
            try (InputStream realm = TestKeycloak.class.getResourceAsStream("/keycloak/chronoscale-realm.json")) {
                Files.copy(realm, data.resolve("import/chronoscale-realm.json"));
            }
            int port = freePort();
            int managementPort = freePort();
            ProcessBuilder builder = new ProcessBuilder("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                    "--http-host=127.0.0.1", "--http-port=" + port, "--http-management-port=" + managementPort,
                    "--import-realm", "--hostname-strict=false", "--cache=local")
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("keycloak.log").toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
            // Keycloak 26.4's thread pool resets thread locals by reflection, which Java 24 and later allow only when opened.
            env.put("JAVA_OPTS_APPEND", "--add-opens=java.base/java.lang=ALL-UNNAMED");
            Process process = builder.start();
            TestKeycloak keycloak = new TestKeycloak(URI.create("http://127.0.0.1:" + port + "/"), process);
            keycloak.awaitRealm(home.resolve("keycloak.log"));
            return keycloak;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the test Keycloak", e);
        }
    }

    private void awaitRealm(Path log) {
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> reply = http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (reply.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for Keycloak", e);
            }
            sleep();
        }
        stop();
        throw new IllegalStateException("Keycloak did not serve its realm within " + START_TIMEOUT + "; see " + log);
    }

    private void stop() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** The distribution, unpacked once into target/keycloak/dist from the zip Maven copied beside it. */
    private static synchronized Path unpacked() throws IOException {
        Path dir = Path.of(System.getProperty("chronoscale.keycloak.dir", "target/keycloak")).toAbsolutePath();
        Path zip = dir.resolve("keycloak-dist.zip");
        Path dist = dir.resolve("dist");
        Path done = dist.resolve(".unpacked");
        if (Files.exists(done)) {
            return onlyChild(dist);
        }
        if (!Files.exists(zip)) {
            throw new IllegalStateException("no Keycloak distribution at " + zip + ": Maven's process-test-resources copies it there");
        }
        deleteTree(dist);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                Path target = dist.resolve(entry.getName()).normalize();
                if (!target.startsWith(dist)) {
                    throw new IOException("zip entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createFile(done);
        return onlyChild(dist);
    }

    private static Path onlyChild(Path dist) throws IOException {
        try (Stream<Path> children = Files.list(dist)) {
            var dirs = children.filter(Files::isDirectory).collect(Collectors.toList());
            if (dirs.size() != 1) {
                throw new IllegalStateException("expected one Keycloak folder in " + dist + ", found " + dirs);
            }
            return dirs.get(0);
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(250);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
