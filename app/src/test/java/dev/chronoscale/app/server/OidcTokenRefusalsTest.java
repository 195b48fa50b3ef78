package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.admin.ApiKeyAdmin;
import dev.chronoscale.domain.audit.AuditContext;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.jdbc.core.JdbcTemplate;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * ID tokens that must be refused, from a second provider (mock-oauth2-server) whose tokens each test shapes, and a
 * provider that hangs: each refusal is a clear page, a LoginRefused event, and nothing registered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcTokenRefusalsTest {

    private static final String IDP = "idp";

    private final MockOAuth2Server provider = new MockOAuth2Server();
    private Path dir;
    private RunningServer server;
    private ProtocolClients clients;
    private String apiKey;

    @BeforeAll
    void start() throws Exception {
        provider.start();
        dir = Files.createTempDirectory("chronoscale-oidc-tokens");
        int port = freePort();
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:" + port + "\nserver_url: http://127.0.0.1:" + port
                + "\nmetrics_listen_addr: \"\"\ndata_dir: " + dir.resolve("data") + "\ndatabase:\n  type: h2\n"
                + "oidc:\n  issuer: " + provider.issuerUrl(IDP) + "\n  client_id: chronoscale\n  client_secret: mock-secret\n"
                + "  pkce:\n    enabled: true\n    method: plain\n");
        clients = new ProtocolClients(server.bean(ServerLifecycle.class).boundAddress());
        apiKey = server.bean(ApiKeyAdmin.class).create(Instant.now().plus(1, ChronoUnit.HOURS), AuditContext.system("test"));
    }

    @AfterAll
    void stop() {
        if (clients != null) {
            clients.close();
        }
        if (server != null) {
            server.close();
        }
        provider.shutdown();
    }

    @Test
    void aTokenOfTheProviderWithoutAPreferredUsernameNamesTheUserByEmail() throws Exception {
        provider.enqueueCallback(new DefaultOAuth2TokenCallback(IDP, "subject-frank", "JWT", List.of("chronoscale"),
                Map.of("email", "frank@example.net", "email_verified", true, "name", "Frank"), 3600));
        Login login = begin("frank-laptop");
        ScriptedBrowser.Page page = new ScriptedBrowser().open(URI.create(login.authUrl()));
        assertThat(page.status()).as(page.body()).isEqualTo(200);
        JsonNode joined = login.waiting().get(ProtocolNode.WAIT_SECONDS, TimeUnit.SECONDS).json();
        assertThat(joined.get("MachineAuthorized").asBoolean()).isTrue();
        JsonNode users = server.send("GET", "/api/v1/user?name=frank@example.net", null, Optional.of(apiKey)).json().get("users");
        assertThat(users).hasSize(1);
        assertThat(users.get(0).get("displayName").asText()).isEqualTo("Frank");
    }

    @Test
    void aTokenForAnotherClientIsRefused() throws Exception {
        refused(new DefaultOAuth2TokenCallback(IDP, "subject-aud", "JWT", List.of("another-client"),
                Map.of("preferred_username", "mallory", "aud", List.of("another-client")), 3600), "wrong_audience",
                "issued for another client");
    }

    @Test
    void anExpiredTokenIsRefused() throws Exception {
        refused(new DefaultOAuth2TokenCallback(IDP, "subject-exp", "JWT", List.of("chronoscale"),
                Map.of("preferred_username", "mallory"), -3600), "token_expired", "expired");
    }

    @Test
    void aTokenNamingAnotherIssuerIsRefused() throws Exception {
        refused(new DefaultOAuth2TokenCallback(IDP, "subject-iss", "JWT", List.of("chronoscale"),
                Map.of("preferred_username", "mallory", "iss", "https://evil.example.com"), 3600), "unknown_issuer",
                "not by the configured identity provider");
    }

    /**
     * A provider whose discovery, authorization and token endpoints are this test's, and whose published keys are
     * mock-oauth2-server's: the token it hands out names the published key but is signed with another.
     */
    @Test
    void aTokenWhoseSignatureDoesNotMatchThePublishedKeysIsRefused() throws Exception {
        String keyId = ProtocolNode.JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(provider.jwksUrl(IDP).toString())).build(), HttpResponse.BodyHandlers.ofString()).body())
                .get("keys").get(0).get("kid").asText();
        HttpServer forger = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        String issuer = "http://127.0.0.1:" + forger.getAddress().getPort() + "/forger";
        String[] nonce = new String[1];
        forger.createContext("/forger/.well-known/openid-configuration", exchange -> answer(exchange, 200,
                "{\"issuer\":\"" + issuer + "\",\"authorization_endpoint\":\"" + issuer + "/authorize\","
                        + "\"token_endpoint\":\"" + issuer + "/token\",\"jwks_uri\":\"" + provider.jwksUrl(IDP) + "\"}"));
        forger.createContext("/forger/authorize", exchange -> {
            URI asked = exchange.getRequestURI();
            nonce[0] = queryParameter(asked, "nonce");
            exchange.getResponseHeaders().add("Location", queryParameter(asked, "redirect_uri") + "?code=forged-code&state="
                    + queryParameter(asked, "state"));
            answer(exchange, 302, "");
        });
        forger.createContext("/forger/token", exchange -> {
            try {
                JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer).subject("subject-sig").audience("chronoscale")
                        .expirationTime(java.util.Date.from(Instant.now().plusSeconds(3600))).issueTime(new java.util.Date())
                        .claim("nonce", nonce[0]).claim("preferred_username", "mallory").build();
                SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(keyId).build(), claims);
                forged.sign(new RSASSASigner(new RSAKeyGenerator(2048).generate()));
                answer(exchange, 200, "{\"access_token\":\"x\",\"token_type\":\"Bearer\",\"id_token\":\""
                        + forged.serialize() + "\"}");
            } catch (Exception e) {
                answer(exchange, 500, "{}");
            }
        });
        forger.start();
        Path other = Files.createTempDirectory("chronoscale-oidc-forger");
        int port = freePort();
        try (RunningServer forged = RunningServer.start(other, "listen_addr: 127.0.0.1:" + port + "\nserver_url: http://127.0.0.1:"
                + port + "\nmetrics_listen_addr: \"\"\ndata_dir: " + other.resolve("data") + "\ndatabase:\n  type: h2\n"
                + "oidc:\n  issuer: " + issuer + "\n  client_id: chronoscale\n  client_secret: s\n");
             ProtocolClients forgedClients = new ProtocolClients(forged.bean(ServerLifecycle.class).boundAddress())) {
            ProtocolNode node = forgedClients.connect(ProtocolNode.randomNodeKey());
            String authUrl = node.register(node.registerBody(null, "forged")).get("AuthURL").asText();
            ScriptedBrowser.Page page = new ScriptedBrowser().open(URI.create(authUrl));
            assertThat(page.status()).as(page.body()).isEqualTo(403);
            assertThat(page.body()).contains("signature does not match");
            assertThat(reasons(forged)).contains("bad_signature");
            assertThat(forged.bean(dev.chronoscale.admin.NodeAdmin.class).list(Optional.empty())).isEmpty();
        } finally {
            forger.stop(0);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws java.io.IOException {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, status == 302 ? -1 : bytes.length);
        if (status != 302) {
            exchange.getResponseBody().write(bytes);
        }
        exchange.close();
    }

    private static String queryParameter(URI uri, String name) {
        for (String pair : uri.getRawQuery().split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no " + name + " in " + uri);
    }

    @Test
    void aProviderThatHangsIsAClearPageNotAStuckLogin() throws Exception {
        try (ServerSocket hanging = new ServerSocket(0)) {
            List<Socket> held = new ArrayList<>();
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept()); // accepted, never answered
                    }
                } catch (Exception closed) {
                    // the test is over
                }
            });
            Path other = Files.createTempDirectory("chronoscale-oidc-hang");
            int port = freePort();
            String yaml = "listen_addr: 127.0.0.1:" + port + "\nserver_url: http://127.0.0.1:" + port
                    + "\nmetrics_listen_addr: \"\"\ndata_dir: " + other.resolve("data") + "\ndatabase:\n  type: h2\n"
                    + "oidc:\n  issuer: http://127.0.0.1:" + hanging.getLocalPort() + "/realms/x\n  client_id: c\n"
                    + "  client_secret: s\n";
            assertThatThrownBy(() -> RunningServer.start(other, yaml))
                    .hasStackTraceContaining("oidc.issuer http://127.0.0.1:" + hanging.getLocalPort())
                    .hasStackTraceContaining("did not answer within 10s");
            try (RunningServer started = RunningServer.start(other, yaml + "  only_start_if_oidc_is_available: false\n");
                 ProtocolClients hangingClients = new ProtocolClients(started.bean(ServerLifecycle.class).boundAddress())) {
                ProtocolNode node = hangingClients.connect(ProtocolNode.randomNodeKey());
                String authUrl = node.register(node.registerBody(null, "hang")).get("AuthURL").asText();
                ScriptedBrowser.Page page = new ScriptedBrowser().open(URI.create(authUrl));
                assertThat(page.status()).isEqualTo(503);
                assertThat(page.body()).contains("Identity provider unavailable").contains("did not answer within 10s");
                assertThat(reasons(started)).contains("provider_unavailable");
            }
            acceptor.interrupt();
            for (Socket socket : held) {
                socket.close();
            }
        }
    }

    private void refused(DefaultOAuth2TokenCallback token, String reason, String shown) throws Exception {
        int nodesBefore = nodeCount();
        provider.enqueueCallback(token);
        Login login = begin("refused-" + reason.replace('_', '-'));
        ScriptedBrowser.Page page = new ScriptedBrowser().open(URI.create(login.authUrl()));
        assertThat(page.status()).as(page.body()).isEqualTo(403);
        assertThat(page.body()).contains("Login refused").contains(shown).doesNotContain("Exception")
                .doesNotContain("mock-secret");
        assertThat(reasons(server)).contains(reason);
        assertThat(nodeCount()).isEqualTo(nodesBefore);
        assertThat(login.waiting()).isNotDone();
        assertThat(server.send("GET", "/api/v1/user?name=mallory", null, Optional.of(apiKey)).json().get("users")).isEmpty();
    }

    private record Login(String authUrl, CompletableFuture<ProtocolNode.Reply> waiting) {
    }

    private Login begin(String hostname) throws Exception {
        ProtocolNode node = clients.connect(ProtocolNode.randomNodeKey());
        String authUrl = node.register(node.registerBody(null, hostname)).get("AuthURL").asText();
        ObjectNode followup = (ObjectNode) ProtocolNode.JSON.readTree(node.registerBody(null, hostname));
        followup.put("Followup", authUrl);
        return new Login(authUrl, node.postAsync("/machine/register", followup.toString()));
    }

    private static List<String> reasons(RunningServer on) {
        return on.bean(JdbcTemplate.class).query("SELECT payload FROM DomainEventEntry WHERE payloadType LIKE ?",
                (row, n) -> new String(row.getBytes(1), java.nio.charset.StandardCharsets.UTF_8), "%$LoginRefused")
                .stream().map(json -> json.replaceAll(".*\"reason\":\"([a-z_]+)\".*", "$1")).toList();
    }

    private int nodeCount() throws Exception {
        return server.send("GET", "/api/v1/node", null, Optional.of(apiKey)).json().get("nodes").size();
    }

    private static int freePort() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            return free.getLocalPort();
        }
    }
}
