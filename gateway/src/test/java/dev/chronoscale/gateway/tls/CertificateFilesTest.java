package dev.chronoscale.gateway.tls;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The key and certificate files as openssl writes them, in each format Headscale reads: they are served, or refused
 * with a reason naming the file.
 */
class CertificateFilesTest {

    private Path dir;

    @BeforeEach
    void makeDir() throws IOException {
        dir = Files.createTempDirectory("chronoscale-pem");
    }

    @AfterEach
    void removeDir() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    @Test
    void servesPkcs8Pkcs1RsaAndSec1EcKeys() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "pkcs8.key");
        openssl("genrsa", "-traditional", "-out", "pkcs1.key", "2048");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "sec1.key"); // an EC PARAMETERS block comes first
        assertThat(Files.readString(dir.resolve("pkcs8.key"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("pkcs1.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(Files.readString(dir.resolve("sec1.key"))).startsWith("-----BEGIN EC PARAMETERS-----")
                .contains("-----BEGIN EC PRIVATE KEY-----");
        for (String key : List.of("pkcs8", "pkcs1", "sec1")) {
            selfSigned(key + ".key", key + ".crt");
            try (CertificateFiles files = CertificateFiles.open(dir.resolve(key + ".crt"), dir.resolve(key + ".key"))) {
                assertThat(files.current().names()).as(key).containsExactly("control.example.com");
                assertThat(files.current().context().isServer()).isTrue();
            }
        }
    }

    @Test
    void servesTheWholeChainLeafFirst() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "ca.key");
        openssl("req", "-x509", "-new", "-key", "ca.key", "-subj", "/CN=Test CA", "-days", "2", "-out", "ca.crt");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "leaf.key");
        openssl("req", "-new", "-key", "leaf.key", "-subj", "/CN=control.example.com", "-out", "leaf.csr");
        openssl("x509", "-req", "-in", "leaf.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "1",
                "-out", "leaf.crt");
        Files.writeString(dir.resolve("chain.crt"), Files.readString(dir.resolve("leaf.crt")) + Files.readString(dir.resolve("ca.crt")));
        try (CertificateFiles files = CertificateFiles.open(dir.resolve("chain.crt"), dir.resolve("leaf.key"))) {
            assertThat(files.current().chain()).hasSize(2);
            assertThat(files.current().leaf().getSubjectX500Principal().getName()).isEqualTo("CN=control.example.com");
        }
        assertThatThrownBy(() -> CertificateFiles.open(dir.resolve("chain.crt"), dir.resolve("ca.key")))
                .as("the CA's key is not the leaf's").isInstanceOf(TlsCertificateException.class)
                .hasMessageContaining("does not match");
    }

    @Test
    void refusesWhatCannotBeServedNamingTheFile() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "a.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "b.key");
        openssl("genrsa", "-out", "rsa.key", "2048");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-aes256", "-pass", "pass:secret",
                "-out", "encrypted.key");
        selfSigned("a.key", "a.crt");
        Path a = dir.resolve("a.crt");

        assertThatThrownBy(() -> CertificateFiles.open(a, dir.resolve("b.key"))).isInstanceOf(TlsCertificateException.class)
                .hasMessage("tls_cert_path " + a + " and tls_key_path " + dir.resolve("b.key")
                        + ": the private key does not match the certificate's public key");
        assertThatThrownBy(() -> CertificateFiles.open(a, dir.resolve("rsa.key")))
                .hasMessageContaining("the private key (RSA) does not match the certificate's public key (EC)");
        assertThatThrownBy(() -> CertificateFiles.open(a, dir.resolve("encrypted.key")))
                .hasMessageContaining("the private key is encrypted");
        assertThatThrownBy(() -> CertificateFiles.open(a, a))
                .hasMessage("tls_key_path " + a + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)");
        assertThatThrownBy(() -> CertificateFiles.open(dir.resolve("a.key"), dir.resolve("a.key")))
                .hasMessage("tls_cert_path " + dir.resolve("a.key") + " holds no PEM CERTIFICATE block");
        assertThatThrownBy(() -> CertificateFiles.open(dir.resolve("missing.crt"), dir.resolve("a.key")))
                .hasMessageStartingWith("tls_cert_path " + dir.resolve("missing.crt") + " cannot be read");
    }

    @Test
    void aChangedPairIsTakenAndABrokenOneKeepsTheServedOne() throws Exception {
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "one.key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", "two.key");
        selfSigned("one.key", "one.crt");
        selfSigned("two.key", "two.crt");
        Path certificate = dir.resolve("served.crt");
        Path key = dir.resolve("served.key");
        Files.copy(dir.resolve("one.crt"), certificate);
        Files.copy(dir.resolve("one.key"), key);
        try (CertificateFiles files = CertificateFiles.open(certificate, key)) {
            var one = files.current().leaf().getSerialNumber();
            assertThat(files.reloadIfChanged()).as("nothing changed").isFalse();

            Files.copy(dir.resolve("two.crt"), certificate, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(files.reloadIfChanged()).as("certificate two with key one").isFalse();
            assertThat(files.current().leaf().getSerialNumber()).isEqualTo(one);

            Files.copy(dir.resolve("two.key"), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThat(files.reloadIfChanged()).isTrue();
            assertThat(files.current().leaf().getSerialNumber()).isNotEqualTo(one);
            assertThat(files.contextFor(new ClientHello(java.util.Optional.empty(), List.of())).get())
                    .isSameAs(files.current().context());

            Files.delete(key);
            assertThat(files.reloadIfChanged()).as("a missing key file").isFalse();
            assertThat(files.current().leaf().getSerialNumber()).isNotEqualTo(one);
        }
    }

    private void selfSigned(String key, String certificate) throws Exception {
        openssl("req", "-x509", "-new", "-key", key, "-subj", "/CN=control.example.com",
                "-addext", "subjectAltName=DNS:control.example.com", "-days", "1", "-out", certificate);
    }

    private void openssl(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + ": " + output).isZero();
    }
}
