package dev.chronoscale.gateway.tls;

import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code tls_cert_path} and {@code tls_key_path}: the pair is read at start (a bad pair stops the start) and read
 * again whenever either file's content changes, so a renewed certificate (certbot, cert-manager, a symlink swap)
 * reaches every connection opened after it, with no restart. A changed pair that cannot be served is logged and
 * the one already served stays.
 */
public final class CertificateFiles implements ServerCertificates, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CertificateFiles.class);
    /** How often the files are looked at; reading two small files is cheap, and a watch misses symlink swaps. */
    static final Duration CHECK_EVERY = Duration.ofSeconds(5);

    private final Path certificatePath;
    private final Path keyPath;
    private final ScheduledExecutorService checker = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tls-certificate-files").factory());
    private volatile Loaded current;
    /** The content last refused, so a broken pair is reported once, not every check. */
    private volatile byte[] lastRefused = new byte[0];

    private record Loaded(byte[] digest, ServedCertificate certificate) {
    }

    private CertificateFiles(Path certificatePath, Path keyPath, Loaded first) {
        this.certificatePath = certificatePath;
        this.keyPath = keyPath;
        this.current = first;
    }

    /** Reads the pair, and checks it for changes from then on. */
    public static CertificateFiles open(Path certificatePath, Path keyPath) throws TlsCertificateException {
        CertificateFiles files = new CertificateFiles(certificatePath, keyPath, load(certificatePath, keyPath));
        LOG.info("TLS: serving {} from {}", files.current.certificate().describe(), certificatePath);
        long period = CHECK_EVERY.toMillis();
        files.checker.scheduleWithFixedDelay(files::reloadIfChanged, period, period, TimeUnit.MILLISECONDS);
        return files;
    }

    public ServedCertificate current() {
        return current.certificate();
    }

    @Override
    public CompletableFuture<SslContext> contextFor(ClientHello hello) {
        return CompletableFuture.completedFuture(current.certificate().context());
    }

    /** Reads the files again when their content changed; true when a new certificate is now served. */
    public boolean reloadIfChanged() {
        try {
            byte[] digest = digest(Files.readAllBytes(certificatePath), Files.readAllBytes(keyPath));
            if (Arrays.equals(digest, current.digest()) || Arrays.equals(digest, lastRefused)) {
                return false;
            }
            try {
                Loaded loaded = load(certificatePath, keyPath);
                current = loaded;
                LOG.info("TLS: {} changed; new connections get {}", certificatePath, loaded.certificate().describe());
                return true;
            } catch (TlsCertificateException e) {
                lastRefused = digest;
                LOG.error("TLS: the changed pair cannot be served ({}); still serving {}", e.getMessage(),
                        current.certificate().describe());
                return false;
            }
        } catch (IOException e) {
            LOG.warn("TLS: cannot read {} or {} to look for a new certificate: {}", certificatePath, keyPath, e.toString());
            return false;
        } catch (RuntimeException e) {
            LOG.error("TLS: checking {} for a new certificate failed", certificatePath, e);
            return false;
        }
    }

    private static Loaded load(Path certificatePath, Path keyPath) throws TlsCertificateException {
        byte[] certificateBytes = read(certificatePath, "tls_cert_path");
        byte[] keyBytes = read(keyPath, "tls_key_path");
        var chain = Pem.certificates(certificateBytes);
        if (chain.isEmpty()) {
            throw new TlsCertificateException("tls_cert_path " + certificatePath + " holds no PEM CERTIFICATE block");
        }
        var key = Pem.privateKey(keyBytes).orElseThrow(() -> new TlsCertificateException("tls_key_path " + keyPath
                + " holds no PEM private key (PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY)"));
        try {
            return new Loaded(digest(certificateBytes, keyBytes), ServedCertificate.of(key, chain));
        } catch (TlsCertificateException e) {
            throw new TlsCertificateException("tls_cert_path " + certificatePath + " and tls_key_path " + keyPath
                    + ": " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path path, String key) throws TlsCertificateException {
        try {
            return Files.readAllBytes(path);
        } catch (IOException e) {
            throw new TlsCertificateException(key + " " + path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static byte[] digest(byte[] certificate, byte[] key) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(certificate);
            sha256.update((byte) 0);
            sha256.update(key);
            return sha256.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        checker.shutdownNow();
    }
}
