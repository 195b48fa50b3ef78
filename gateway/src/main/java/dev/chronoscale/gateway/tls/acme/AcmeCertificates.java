package dev.chronoscale.gateway.tls.acme;

import dev.chronoscale.gateway.tls.ClientHello;
import dev.chronoscale.gateway.tls.ServedCertificate;
import dev.chronoscale.gateway.tls.ServerCertificates;
import io.netty.handler.ssl.SslContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The public listener's certificate from an ACME CA: served from the cache when one is there, ordered when there is
 * none, and ordered again once less than a third of its lifetime is left (30 days of a 90-day Let's Encrypt
 * certificate; Headscale's autocert renews 30 days ahead too). A failed order is retried, sooner at first. Until
 * the first certificate arrives, handshakes wait for it; an ACME server's acme-tls/1 handshake gets the
 * TLS-ALPN-01 challenge certificate.
 */
public final class AcmeCertificates implements ServerCertificates, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AcmeCertificates.class);
    private static final Duration CHECK_EVERY = Duration.ofHours(1);
    private static final Duration FIRST_RETRY = Duration.ofMinutes(1);

    private final AcmeSettings settings;
    private final AcmeCache cache;
    private final AcmeIssuer issuer;
    private final ChallengeResponses responses;
    private final Clock clock;
    private final CompletableFuture<ServedCertificate> first = new CompletableFuture<>();
    private final ScheduledExecutorService orders = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("tls-acme").factory());
    private volatile ServedCertificate current;
    private Duration retry = FIRST_RETRY;

    public AcmeCertificates(AcmeSettings settings, ChallengeResponses responses, Clock clock) {
        this.settings = settings;
        this.cache = new AcmeCache(settings.cacheDir(), settings.hostname());
        this.responses = responses;
        this.issuer = new AcmeIssuer(settings, cache, responses);
        this.clock = clock;
    }

    /**
     * Serves the cached certificate if it is still valid for the host name, then checks for renewal (and orders the
     * first certificate) in the background: the listener must be open for the CA to validate.
     */
    public void start() {
        try {
            cache.certificate().ifPresent(cached -> {
                if (!cached.names().contains(settings.hostname())) {
                    LOG.warn("TLS: the cached {} is not for {}; ordering a new one", cached.describe(), settings.hostname());
                } else if (!clock.instant().isBefore(cached.notAfter())) {
                    LOG.warn("TLS: the cached {} has expired; ordering a new one", cached.describe());
                } else {
                    serve(cached, "from the cache " + cache.certificateFile());
                }
            });
        } catch (Exception e) {
            LOG.warn("TLS: the cached certificate {} cannot be used ({}); ordering a new one", cache.certificateFile(),
                    e.getMessage());
        }
        orders.execute(this::checkAndReschedule);
    }

    @Override
    public CompletableFuture<SslContext> contextFor(ClientHello hello) {
        if (hello.isAcmeValidation()) {
            Optional<SslContext> challenge = hello.serverName().flatMap(responses::alpnResponse);
            return challenge.map(CompletableFuture::completedFuture).orElseGet(() -> CompletableFuture.failedFuture(
                    new IllegalStateException("no TLS-ALPN-01 challenge in progress for " + hello.serverName().orElse("(no name)"))));
        }
        ServedCertificate now = current;
        if (now != null) {
            return CompletableFuture.completedFuture(now.context());
        }
        return first.thenApply(ignored -> current.context());
    }

    /** The certificate served now, if one has arrived. */
    public Optional<ServedCertificate> current() {
        return Optional.ofNullable(current);
    }

    /** True when {@code served} should be replaced at {@code now}: less than a third of its lifetime is left. */
    static boolean renewalDue(ServedCertificate served, Instant now) {
        Duration lifetime = Duration.between(served.notBefore(), served.notAfter());
        return !now.isBefore(served.notAfter().minus(lifetime.dividedBy(3)));
    }

    /**
     * Orders a certificate now when there is none or renewal is due at {@code now}; true when a new one is served.
     * Runs on the caller's thread; the schedule calls it hourly.
     */
    public synchronized boolean renewIfDue(Instant now) throws Exception {
        ServedCertificate served = current;
        if (served != null && !renewalDue(served, now)) {
            return false;
        }
        LOG.info("TLS: ordering a certificate for {} from {} ({})", settings.hostname(), settings.directory(),
                served == null ? "none yet" : "renewing " + served.describe());
        serve(issuer.issue(), "from " + settings.directory());
        return true;
    }

    private void checkAndReschedule() {
        Duration next = CHECK_EVERY;
        try {
            renewIfDue(clock.instant());
            retry = FIRST_RETRY;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (Exception e) {
            next = retry;
            retry = retry.multipliedBy(2).compareTo(CHECK_EVERY) > 0 ? CHECK_EVERY : retry.multipliedBy(2);
            LOG.error("TLS: ordering a certificate for {} from {} failed; trying again in {}: {}", settings.hostname(),
                    settings.directory(), next, e.getMessage());
        }
        if (!orders.isShutdown()) {
            orders.schedule(this::checkAndReschedule, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void serve(ServedCertificate certificate, String source) {
        current = certificate;
        first.complete(certificate);
        LOG.info("TLS: serving {} {}", certificate.describe(), source);
    }

    @Override
    public void close() {
        orders.shutdownNow();
    }
}
