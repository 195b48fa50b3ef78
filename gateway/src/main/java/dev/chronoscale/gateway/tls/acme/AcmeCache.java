package dev.chronoscale.gateway.tls.acme;

import dev.chronoscale.gateway.tls.Pem;
import dev.chronoscale.gateway.tls.ServedCertificate;
import dev.chronoscale.gateway.tls.TlsCertificateException;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code tls_letsencrypt_cache_dir}, laid out as Headscale's (Go autocert's {@code DirCache}) so a Headscale cache
 * is taken over as it is: {@code acme_account+key} holds the account's EC key, and a file named after the host
 * holds the certificate's key followed by its chain, all PEM (keys written as PKCS#8, which autocert reads too;
 * Headscale's own are SEC1 {@code EC PRIVATE KEY}, read as they are). Files are written whole (a temporary file moved
 * into place) and readable by the owner only.
 */
final class AcmeCache {

    static final String ACCOUNT_KEY = "acme_account+key";

    private final Path dir;
    private final String hostname;

    AcmeCache(Path dir, String hostname) {
        this.dir = dir;
        this.hostname = hostname.toLowerCase(Locale.ROOT);
    }

    Path certificateFile() {
        return dir.resolve(hostname);
    }

    Path accountKeyFile() {
        return dir.resolve(ACCOUNT_KEY);
    }

    Optional<KeyPair> accountKey() throws IOException, TlsCertificateException {
        Path file = accountKeyFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        return Optional.of(Pem.ecKeyPair(Files.readAllBytes(file)).orElseThrow(() -> new TlsCertificateException(
                file + " holds no EC private key in PEM")));
    }

    void saveAccountKey(KeyPair key) throws IOException {
        write(accountKeyFile(), Pem.write(List.of(key.getPrivate())));
    }

    /** The cached certificate, when there is one that can be served. */
    Optional<ServedCertificate> certificate() throws IOException, TlsCertificateException {
        Path file = certificateFile();
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        byte[] pem = Files.readAllBytes(file);
        PrivateKey key = Pem.privateKey(pem).orElseThrow(() -> new TlsCertificateException(file + " holds no private key"));
        return Optional.of(ServedCertificate.of(key, Pem.certificates(pem)));
    }

    void saveCertificate(PrivateKey key, List<X509Certificate> chain) throws IOException {
        List<Object> blocks = new ArrayList<>();
        blocks.add(key);
        blocks.addAll(chain);
        write(certificateFile(), Pem.write(blocks));
    }

    private void write(Path file, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, "." + file.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.write(temporary, content);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
