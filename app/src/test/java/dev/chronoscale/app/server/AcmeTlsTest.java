package dev.chronoscale.app.server;

import dev.chronoscale.gateway.tls.ServedCertificate;
import dev.chronoscale.gateway.tls.acme.AcmeCertificates;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.util.FileSystemUtils;

import java.io.IOException;
import java.math.BigInteger;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tls_letsencrypt_*} against Pebble, Let's Encrypt's ACME test server, validating for real (no
 * PEBBLE_VA_ALWAYS_VALID): it fetches the HTTP-01 token from {@code tls_letsencrypt_listen}, or makes the acme-tls/1
 * handshake on the public port, before it issues.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AcmeTlsTest {

    private static final Path PEBBLE = Path.of("/usr/bin/pebble");

    private Path dir;
    private Process pebble;
    private int directoryPort;
    private int managementPort;
    private int http01Port;
    private int tlsPort;
    private HttpClient pebbleClient;
    private Path caFile;

    @BeforeAll
    void startPebble() throws Exception {
        assumeTrue(Files.isExecutable(PEBBLE), "pebble is not installed (apt-get install pebble): the ACME tests are skipped");
        dir = Files.createTempDirectory("chronoscale-acme");
        TestCertificates ca = new TestCertificates();
        caFile = ca.writeCa(dir.resolve("ca.pem"));
        ca.issue().write(dir.resolve("pebble.crt"), dir.resolve("pebble.key"));
        directoryPort = freePort();
        managementPort = freePort();
        http01Port = freePort();
        tlsPort = freePort();
        Files.writeString(dir.resolve("pebble.json"), """
                {"pebble": {"listenAddress": "127.0.0.1:%d", "managementListenAddress": "127.0.0.1:%d",
                  "certificate": "%s", "privateKey": "%s", "httpPort": %d, "tlsPort": %d,
                  "ocspResponderURL": "", "externalAccountBindingRequired": false}}
                """.formatted(directoryPort, managementPort, dir.resolve("pebble.crt"), dir.resolve("pebble.key"),
                http01Port, tlsPort));
        ProcessBuilder builder = new ProcessBuilder(PEBBLE.toString(), "-config", dir.resolve("pebble.json").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("pebble.log").toFile());
        builder.environment().put("PEBBLE_VA_NOSLEEP", "1");
        builder.environment().remove("PEBBLE_VA_ALWAYS_VALID");
        pebble = builder.start();
        waitForPort(directoryPort);
        waitForPort(managementPort);
        pebbleClient = ca.client();
    }

    @AfterAll
    void stopPebble() {
        if (pebble != null) {
            pebble.destroy();
        }
        if (dir != null) {
            FileSystemUtils.deleteRecursively(dir.toFile());
        }
    }

    @Test
    void http01IssuesCachesRenewsAndARestartServesTheCachedCertificate() throws Exception {
        Path cache = dir.resolve("cache-http01");
        BigInteger renewed;
        try (RunningServer server = start("http01", cache, "HTTP-01")) {
            BigInteger issued = servedSerial();
            AcmeCertificates acme = server.bean(ServerLifecycle.class).tls().acme().orElseThrow();
            ServedCertificate current = acme.current().orElseThrow();
            assertThat(current.leaf().getSerialNumber()).isEqualTo(issued);
            assertThat(current.names()).containsExactly("localhost");

            assertThat(Files.readString(cache.resolve("acme_account+key"))).startsWith("-----BEGIN PRIVATE KEY-----");
            assertThat(Files.readString(cache.resolve("localhost"))).startsWith("-----BEGIN PRIVATE KEY-----")
                    .contains("-----BEGIN CERTIFICATE-----");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.resolve("acme_account+key"))))
                    .isEqualTo("rw-------");

            assertThat(acme.renewIfDue(Instant.now())).as("a fresh certificate is not renewed").isFalse();
            Instant lastThird = current.notAfter().minus(Duration.between(current.notBefore(), current.notAfter()).dividedBy(4));
            assertThat(acme.renewIfDue(lastThird)).as("renewed in the last third of its lifetime").isTrue();
            renewed = servedSerial();
            assertThat(renewed).isNotEqualTo(issued);
            assertThat(cachedSerial(cache)).isEqualTo(renewed);
        }
        try (RunningServer server = start("http01-again", cache, "HTTP-01")) {
            assertThat(server.bean(ServerLifecycle.class).tls().acme().orElseThrow().current())
                    .as("served from the cache at start").isPresent();
            assertThat(servedSerial()).isEqualTo(renewed);
        }
    }

    @Test
    void tlsAlpn01IssuesOnThePublicPort() throws Exception {
        Path cache = dir.resolve("cache-alpn");
        try (RunningServer server = start("alpn", cache, "TLS-ALPN-01")) {
            BigInteger issued = servedSerial();
            assertThat(cachedSerial(cache)).isEqualTo(issued);
            assertThat(server.bean(ServerLifecycle.class).tls().acme().orElseThrow().current().orElseThrow().names())
                    .containsExactly("localhost");
        }
    }

    private RunningServer start(String name, Path cache, String challenge) throws IOException {
        Path serverDir = Files.createDirectories(dir.resolve(name));
        return RunningServer.start(serverDir, "listen_addr: 127.0.0.1:" + tlsPort + "\nmetrics_listen_addr: \"\"\n"
                + "unix_socket: \"\"\nserver_url: https://localhost:" + tlsPort + "\n"
                + "data_dir: " + serverDir.resolve("data") + "\n"
                + "tls_letsencrypt_hostname: localhost\n"
                + "tls_letsencrypt_cache_dir: " + cache + "\n"
                + "tls_letsencrypt_challenge_type: " + challenge + "\n"
                + "tls_letsencrypt_listen: 127.0.0.1:" + http01Port + "\n"
                + "acme_url: https://127.0.0.1:" + directoryPort + "/dir\n"
                + "acme_email: ops@example.com\n", Map.of("SSL_CERT_FILE", caFile.toString()));
    }

    /** The serial of the certificate a new connection gets, verified against Pebble's root of this run. */
    private BigInteger servedSerial() throws Exception {
        try (HttpClient client = TestCertificates.trusting(List.of(pebbleRoot()))) {
            HttpResponse<String> health = client.send(HttpRequest.newBuilder(URI.create("https://localhost:" + tlsPort + "/health"))
                    .timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(health.statusCode()).isEqualTo(200);
            return ((X509Certificate) health.sslSession().orElseThrow().getPeerCertificates()[0]).getSerialNumber();
        }
    }

    private X509Certificate pebbleRoot() throws Exception {
        HttpResponse<byte[]> root = pebbleClient.send(HttpRequest.newBuilder(
                URI.create("https://127.0.0.1:" + managementPort + "/roots/0")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(root.statusCode()).isEqualTo(200);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(root.body()));
    }

    private static BigInteger cachedSerial(Path cache) throws Exception {
        byte[] pem = Files.readAllBytes(cache.resolve("localhost"));
        return dev.chronoscale.gateway.tls.Pem.certificates(pem).getFirst().getSerialNumber();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Until Pebble listens; an upper bound for a slow machine, nothing timed. */
    private void waitForPort(int port) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(60);
        while (true) {
            try (Socket ignored = new Socket("127.0.0.1", port)) {
                return;
            } catch (IOException notYet) {
                if (!pebble.isAlive() || Instant.now().isAfter(giveUp)) {
                    throw new AssertionError("pebble did not start: " + Files.readString(dir.resolve("pebble.log")));
                }
                Thread.sleep(100);
            }
        }
    }
}
