package dev.chronoscale.gateway.tls.acme;

import dev.chronoscale.gateway.tls.ClientHello;
import dev.chronoscale.gateway.tls.ServedCertificate;
import dev.chronoscale.gateway.tls.TlsCertificateException;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import org.shredzone.acme4j.Account;
import org.shredzone.acme4j.AccountBuilder;
import org.shredzone.acme4j.Authorization;
import org.shredzone.acme4j.Order;
import org.shredzone.acme4j.Session;
import org.shredzone.acme4j.Status;
import org.shredzone.acme4j.challenge.Http01Challenge;
import org.shredzone.acme4j.challenge.TlsAlpn01Challenge;
import org.shredzone.acme4j.connector.HttpConnector;
import org.shredzone.acme4j.connector.NetworkSettings;
import org.shredzone.acme4j.exception.AcmeException;
import org.shredzone.acme4j.provider.GenericAcmeProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One certificate order with acme4j (RFC 8555): the account (registered on first use, its key kept in the cache),
 * the order for the host name, its authorization answered with the configured challenge, the CSR for a new EC
 * P-256 key, and the chain the CA issues.
 */
final class AcmeIssuer {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeIssuer.class);
    private static final Duration VALIDATION_TIMEOUT = Duration.ofMinutes(3);

    private final AcmeSettings settings;
    private final AcmeCache cache;
    private final ChallengeResponses responses;

    AcmeIssuer(AcmeSettings settings, AcmeCache cache, ChallengeResponses responses) {
        this.settings = settings;
        this.cache = cache;
        this.responses = responses;
    }

    /** Orders, validates and downloads a new certificate, and stores it in the cache before returning it. */
    ServedCertificate issue() throws AcmeException, IOException, TlsCertificateException, InterruptedException {
        Session session = new Session(settings.directory(), new DirectoryProvider(settings.extraDirectoryRoots()));
        Account account = account(session);
        Order order = account.newOrder().domain(settings.hostname()).create();
        for (Authorization authorization : order.getAuthorizations()) {
            if (authorization.getStatus() != Status.VALID) {
                authorize(authorization);
            }
        }
        KeyPair domainKey = ecKeyPair();
        Status ready = order.waitUntilReady(VALIDATION_TIMEOUT);
        if (ready != Status.READY) {
            throw new AcmeException("the order for " + settings.hostname() + " is " + ready + ", not ready"
                    + order.getError().map(problem -> ": " + problem).orElse(""));
        }
        order.execute(domainKey);
        Status done = order.waitForCompletion(VALIDATION_TIMEOUT);
        if (done != Status.VALID) {
            throw new AcmeException("the order for " + settings.hostname() + " ended " + done
                    + order.getError().map(problem -> ": " + problem).orElse(""));
        }
        List<X509Certificate> chain = order.getCertificate().getCertificateChain();
        ServedCertificate issued = ServedCertificate.of(domainKey.getPrivate(), chain);
        cache.saveCertificate(domainKey.getPrivate(), chain);
        return issued;
    }

    private Account account(Session session) throws AcmeException, IOException, TlsCertificateException {
        KeyPair key;
        var cached = cache.accountKey();
        if (cached.isPresent()) {
            key = cached.get();
        } else {
            key = ecKeyPair();
            cache.saveAccountKey(key);
            LOG.info("TLS: new ACME account key in {}", cache.accountKeyFile());
        }
        // With a known key the CA answers with the existing account instead of creating one.
        AccountBuilder builder = new AccountBuilder().agreeToTermsOfService().useKeyPair(key);
        settings.email().ifPresent(builder::addEmail);
        return builder.create(session);
    }

    private void authorize(Authorization authorization) throws AcmeException, InterruptedException, TlsCertificateException {
        String host = authorization.getIdentifier().getDomain();
        switch (settings.challengeType()) {
            case HTTP_01 -> {
                Http01Challenge challenge = authorization.findChallenge(Http01Challenge.class).orElseThrow(() ->
                        new AcmeException("the CA offers no HTTP-01 challenge for " + host));
                responses.offerHttp(challenge.getToken(), challenge.getAuthorization());
                try {
                    complete(challenge.getType(), host, challenge);
                } finally {
                    responses.withdrawHttp(challenge.getToken());
                }
            }
            case TLS_ALPN_01 -> {
                TlsAlpn01Challenge challenge = authorization.findChallenge(TlsAlpn01Challenge.class).orElseThrow(() ->
                        new AcmeException("the CA offers no TLS-ALPN-01 challenge for " + host));
                responses.offerAlpn(host, alpnContext(challenge, authorization));
                try {
                    complete(challenge.getType(), host, challenge);
                } finally {
                    responses.withdrawAlpn(host);
                }
            }
        }
    }

    private static void complete(String type, String host, org.shredzone.acme4j.challenge.Challenge challenge)
            throws AcmeException, InterruptedException {
        challenge.trigger();
        Status status = challenge.waitForCompletion(VALIDATION_TIMEOUT);
        if (status != Status.VALID) {
            throw new AcmeException("the CA did not validate " + type + " for " + host + " (" + status + ")"
                    + challenge.getError().map(problem -> ": " + problem).orElse(""));
        }
    }

    /** The self-signed certificate carrying the challenge's acmeIdentifier, served only to acme-tls/1 clients. */
    private static SslContext alpnContext(TlsAlpn01Challenge challenge, Authorization authorization) throws TlsCertificateException {
        KeyPair key = rsaKeyPair(); // acme4j signs this certificate with SHA256withRSA whatever the key
        try {
            X509Certificate certificate = challenge.createCertificate(key, authorization.getIdentifier());
            return SslContextBuilder.forServer(key.getPrivate(), certificate)
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2")
                    .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                            ApplicationProtocolConfig.SelectorFailureBehavior.FATAL_ALERT,
                            ApplicationProtocolConfig.SelectedListenerFailureBehavior.FATAL_ALERT, ClientHello.ACME_TLS_1))
                    .build();
        } catch (Exception e) {
            throw new TlsCertificateException("cannot make the TLS-ALPN-01 certificate: " + e.getMessage(), e);
        }
    }

    private static KeyPair ecKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no EC P-256 key generator", e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no RSA key generator", e);
        }
    }

    /** Any http(s) directory, reached with the JVM's CA roots plus {@link AcmeSettings#extraDirectoryRoots()}. */
    private static final class DirectoryProvider extends GenericAcmeProvider {
        private final List<X509Certificate> extraRoots;

        DirectoryProvider(List<X509Certificate> extraRoots) {
            this.extraRoots = extraRoots;
        }

        @Override
        protected HttpConnector createHttpConnector(NetworkSettings settings) {
            if (extraRoots.isEmpty()) {
                return super.createHttpConnector(settings);
            }
            SSLContext tls = trusting(extraRoots);
            return new HttpConnector(settings) {
                @Override
                public HttpClient.Builder createClientBuilder() {
                    return super.createClientBuilder().sslContext(tls);
                }
            };
        }

        private static SSLContext trusting(List<X509Certificate> extraRoots) {
            try {
                KeyStore roots = KeyStore.getInstance(KeyStore.getDefaultType());
                roots.load(null, null);
                TrustManagerFactory jvm = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                jvm.init((KeyStore) null);
                int n = 0;
                for (var manager : jvm.getTrustManagers()) {
                    if (manager instanceof X509TrustManager x509) {
                        for (X509Certificate root : x509.getAcceptedIssuers()) {
                            roots.setCertificateEntry("jvm-" + n++, root);
                        }
                    }
                }
                for (X509Certificate root : extraRoots) {
                    roots.setCertificateEntry("extra-" + n++, root);
                }
                TrustManagerFactory combined = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                combined.init(roots);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, combined.getTrustManagers(), null);
                return context;
            } catch (GeneralSecurityException | IOException e) {
                throw new IllegalStateException("cannot build the trust store for the ACME directory", e);
            }
        }
    }
}
