package dev.chronoscale.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.UserAdmin;
import dev.chronoscale.admin.PreAuthKeyAdmin;
import dev.chronoscale.domain.audit.ActorType;
import dev.chronoscale.domain.audit.AuditContext;
import dev.chronoscale.gateway.noise.MachinePublicKey;
import dev.chronoscale.tools.client.ServerKeyLookup;
import dev.chronoscale.tools.client.Ts2021Client;
import io.netty.channel.nio.NioEventLoopGroup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code tls_cert_path} and {@code tls_key_path}: the public port speaks TLS with the files' certificate, to the
 * admin API and to the Tailscale protocol alike, and takes a changed pair without a restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TlsListenerTest {

    private static final AuditContext ADMIN = new AuditContext(ActorType.LOCAL_CLI, "test", Optional.empty(), Optional.empty());

    private final NioEventLoopGroup group = new NioEventLoopGroup(1);
    private Path dir;
    private Path certificateFile;
    private Path keyFile;
    private TestCertificates ca;
    private TestCertificates.Issued first;
    private RunningServer server;
    private int port;

    @BeforeAll
    void start() throws Exception {
        dir = Files.createTempDirectory("chronoscale-tls");
        ca = new TestCertificates();
        first = ca.issue();
        certificateFile = dir.resolve("server.crt");
        keyFile = dir.resolve("server.key");
        first.write(certificateFile, keyFile);
        server = RunningServer.start(dir, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\nunix_socket: \"\"\n"
                + "server_url: https://localhost\n"
                + "data_dir: " + dir.resolve("data") + "\n"
                + "tls_cert_path: server.crt\ntls_key_path: server.key\n");
        port = server.bean(ServerLifecycle.class).boundAddress().getPort();
    }

    @AfterAll
    void stop() {
        server.close();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        FileSystemUtils.deleteRecursively(dir.toFile());
    }

    @Test
    void thePublicPortAnswersOverTlsWithTheConfiguredCertificate() throws Exception {
        HttpResponse<String> health = get(ca.client(), "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).isPresent();
        assertThat(health.sslSession().get().getProtocol()).isIn("TLSv1.3", "TLSv1.2");

        try (HttpClient plain = HttpClient.newHttpClient()) {
            assertThatThrownBy(() -> plain.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString()))
                    .as("plain HTTP on the TLS port").isInstanceOf(java.io.IOException.class);
        }
        try (HttpClient stranger = TestCertificates.trusting(List.of(new TestCertificates().ca()))) {
            assertThatThrownBy(() -> get(stranger, "/health")).as("a client that does not trust the CA")
                    .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
        }
    }

    @Test
    void theTailscaleProtocolRunsOverTls() throws Exception {
        MachinePublicKey serverKey;
        try (HttpClient client = ca.client()) {
            serverKey = new ServerKeyLookup(client).noiseKey(URI.create("https://localhost:" + port), 115);
        }
        var alice = server.bean(UserAdmin.class).create("alice", "Alice", "alice@example.com", ADMIN);
        String authKey = server.bean(PreAuthKeyAdmin.class).create(java.util.Optional.of(alice.id()), false, false,
                Instant.now().plus(1, ChronoUnit.HOURS), List.of(), ADMIN).text();
        try (ProtocolNode node = ProtocolNode.connect(Ts2021Client.overUnverifiedTls(group),
                new InetSocketAddress("127.0.0.1", port), serverKey, ProtocolNode.randomNodeKey(), 115)) {
            JsonNode registered = node.register(node.registerBody(authKey, "over-tls"));
            assertThat(registered.get("MachineAuthorized").asBoolean()).as(registered.toString()).isTrue();
        }
    }

    @Test
    void aChangedPairReachesNewConnectionsAndABrokenOneLeavesTheServedOne() throws Exception {
        TestCertificates.Issued second = ca.issue();
        second.write(certificateFile, keyFile);
        // the files are looked at every few seconds; this waits for that, it does not time it
        assertThat(eventually(() -> servedSerial().equals(second.serial()))).as("the new certificate is served").isTrue();

        TestCertificates.Issued third = ca.issue();
        Files.writeString(certificateFile, TestCertificates.pem(third.certificate())); // the key is still second's
        assertThat(server.bean(ServerLifecycle.class).tls().files().orElseThrow().reloadIfChanged()).isFalse();
        assertThat(servedSerial()).isEqualTo(second.serial());

        third.write(certificateFile, keyFile);
        assertThat(eventually(() -> servedSerial().equals(third.serial()))).as("the mended pair is served").isTrue();
    }

    @Test
    void aKeyThatIsNotTheCertificatesStopsTheStart() throws Exception {
        Path other = Files.createTempDirectory(dir, "mismatch");
        ca.issue().write(other.resolve("a.crt"), other.resolve("a.key"));
        ca.issue().write(other.resolve("b.crt"), other.resolve("b.key"));
        assertThatThrownBy(() -> RunningServer.start(other, "listen_addr: 127.0.0.1:0\nmetrics_listen_addr: \"\"\n"
                + "unix_socket: \"\"\ndata_dir: " + other.resolve("data") + "\n"
                + "tls_cert_path: a.crt\ntls_key_path: b.key\n").close())
                .hasRootCauseMessage("the private key does not match the certificate's public key")
                .satisfies(e -> assertThat(causes(e)).anySatisfy(cause -> assertThat(cause).isInstanceOf(StartupFailure.class)
                        .hasMessageContaining("tls_cert_path " + other.resolve("a.crt"))
                        .hasMessageContaining("tls_key_path " + other.resolve("b.key"))));
    }

    /** Asks until {@code condition} holds; the bound is generous, for a loaded machine, and nothing is timed. */
    private static boolean eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(giveUp)) {
            if (condition.call()) {
                return true;
            }
            Thread.sleep(250);
        }
        return condition.call();
    }

    private static List<Throwable> causes(Throwable e) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = e; t != null; t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private BigInteger servedSerial() throws Exception {
        try (HttpClient client = ca.client()) {
            HttpResponse<String> response = get(client, "/health");
            return ((X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private HttpResponse<String> get(HttpClient client, String path) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + port + path))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
