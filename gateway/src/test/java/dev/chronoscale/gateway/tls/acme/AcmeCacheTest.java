package dev.chronoscale.gateway.tls.acme;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cache written in Headscale's layout (autocert: SEC1 EC keys with their public half, as Go writes them, which
 * {@code openssl ecparam -genkey -noout} writes too) is read as it is, and what Chronoscale writes reads back.
 */
class AcmeCacheTest {

    @TempDir
    Path dir;

    @Test
    void readsAHeadscaleCache() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "acme_account+key");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "host.key");
        openssl("req", "-x509", "-new", "-key", "host.key", "-subj", "/CN=hs.example.com",
                "-addext", "subjectAltName=DNS:hs.example.com", "-days", "30", "-out", "host.crt");
        assertThat(Files.readString(dir.resolve("acme_account+key"))).startsWith("-----BEGIN EC PRIVATE KEY-----");
        Files.writeString(dir.resolve("hs.example.com"),
                Files.readString(dir.resolve("host.key")) + Files.readString(dir.resolve("host.crt")));
        openssl("ec", "-in", "acme_account+key", "-pubout", "-outform", "DER", "-out", "account.pub");

        AcmeCache cache = new AcmeCache(dir, "HS.example.com");
        var account = cache.accountKey().orElseThrow();
        assertThat(account.getPublic().getEncoded()).isEqualTo(Files.readAllBytes(dir.resolve("account.pub")));
        var served = cache.certificate().orElseThrow();
        assertThat(served.names()).containsExactly("hs.example.com");
    }

    @Test
    void whatItWritesReadsBack() throws Exception {
        AcmeCache cache = new AcmeCache(dir, "hs.example.com");
        assertThat(cache.accountKey()).isEmpty();
        assertThat(cache.certificate()).isEmpty();
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "host.key");
        openssl("req", "-x509", "-new", "-key", "host.key", "-subj", "/CN=hs.example.com", "-days", "30", "-out", "host.crt");
        var key = dev.chronoscale.gateway.tls.Pem.privateKey(Files.readAllBytes(dir.resolve("host.key"))).orElseThrow();
        List<X509Certificate> chain = dev.chronoscale.gateway.tls.Pem.certificates(Files.readAllBytes(dir.resolve("host.crt")));
        cache.saveCertificate(key, chain);
        var account = dev.chronoscale.gateway.tls.Pem.ecKeyPair(Files.readAllBytes(dir.resolve("host.key"))).orElseThrow();
        cache.saveAccountKey(account);

        assertThat(cache.certificate().orElseThrow().leaf()).isEqualTo(chain.getFirst());
        assertThat(cache.accountKey().orElseThrow().getPublic()).isEqualTo(account.getPublic());
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(cache.certificateFile())))
                .isEqualTo("rw-------");
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
