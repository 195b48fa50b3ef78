package dev.chronoscale.app.server;

import dev.chronoscale.app.config.ChronoscaleConfig;
import dev.chronoscale.gateway.http.GatewayHttpServer;
import dev.chronoscale.gateway.tls.CertificateFiles;
import dev.chronoscale.gateway.tls.Pem;
import dev.chronoscale.gateway.tls.ServerCertificates;
import dev.chronoscale.gateway.tls.TlsCertificateException;
import dev.chronoscale.gateway.tls.acme.AcmeCertificates;
import dev.chronoscale.gateway.tls.acme.AcmeSettings;
import dev.chronoscale.gateway.tls.acme.ChallengeResponses;
import dev.chronoscale.gateway.tls.acme.Http01Responder;

import java.io.IOException;
import java.nio.file.Files;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The public listener's TLS as configured: none, the certificate files, or ACME with, for HTTP-01, its own plain
 * HTTP listener on {@code tls_letsencrypt_listen}. A pair of files that cannot be served stops the start.
 */
final class ListenerTls implements AutoCloseable {

    private final Optional<ServerCertificates> certificates;
    private final Optional<CertificateFiles> files;
    private final Optional<AcmeCertificates> acme;
    private final Optional<ChronoscaleConfig.Tls.Acme> acmeConfig;
    private final ChallengeResponses challenges = new ChallengeResponses();
    private final String serverUrl;
    private GatewayHttpServer http01;

    private ListenerTls(ChronoscaleConfig config, Optional<CertificateFiles> files, Optional<ChronoscaleConfig.Tls.Acme> acmeConfig) {
        this.serverUrl = config.serverUrl();
        this.files = files;
        this.acmeConfig = acmeConfig;
        this.acme = acmeConfig.map(settings -> new AcmeCertificates(new AcmeSettings(settings.hostname(), settings.cacheDir(),
                settings.challengeType(), settings.directory(), settings.email(), extraRoots(settings)), challenges,
                Clock.systemUTC()));
        this.certificates = files.<ServerCertificates>map(f -> f).or(() -> acme.map(a -> a));
    }

    static ListenerTls open(ChronoscaleConfig config) {
        return switch (config.tls()) {
            case ChronoscaleConfig.Tls.None none -> new ListenerTls(config, Optional.empty(), Optional.empty());
            case ChronoscaleConfig.Tls.Files paths -> {
                try {
                    yield new ListenerTls(config, Optional.of(CertificateFiles.open(paths.certificatePath(), paths.keyPath())),
                            Optional.empty());
                } catch (TlsCertificateException e) {
                    throw new StartupFailure("cannot serve TLS: " + e.getMessage(), e);
                }
            }
            case ChronoscaleConfig.Tls.Acme acme -> new ListenerTls(config, Optional.empty(), Optional.of(acme));
        };
    }

    private static List<X509Certificate> extraRoots(ChronoscaleConfig.Tls.Acme settings) {
        if (settings.extraRoots().isEmpty()) {
            return List.of();
        }
        try {
            List<X509Certificate> roots = Pem.certificates(Files.readAllBytes(settings.extraRoots().get()));
            if (roots.isEmpty()) {
                throw new StartupFailure("SSL_CERT_FILE " + settings.extraRoots().get() + " holds no PEM certificate", null);
            }
            return roots;
        } catch (IOException | TlsCertificateException e) {
            throw new StartupFailure("cannot read SSL_CERT_FILE " + settings.extraRoots().get() + ": " + e.getMessage(), e);
        }
    }

    /** What the public listener serves with, if TLS is configured. */
    Optional<ServerCertificates> certificates() {
        return certificates;
    }

    /** After the public listener is open: the HTTP-01 listener, then the first order or renewal check. */
    void startIssuing() throws InterruptedException {
        if (acme.isEmpty()) {
            return;
        }
        ChronoscaleConfig.Tls.Acme settings = acmeConfig.get();
        if (settings.challengeType() == AcmeSettings.ChallengeType.HTTP_01) {
            http01 = new GatewayHttpServer(new Http01Responder(challenges, serverUrl), Optional.empty());
            http01.listen(settings.http01Listen());
        }
        acme.get().start();
    }

    Optional<AcmeCertificates> acme() {
        return acme;
    }

    Optional<CertificateFiles> files() {
        return files;
    }

    @Override
    public void close() {
        files.ifPresent(CertificateFiles::close);
        acme.ifPresent(AcmeCertificates::close);
        if (http01 != null) {
            http01.close();
        }
    }
}
