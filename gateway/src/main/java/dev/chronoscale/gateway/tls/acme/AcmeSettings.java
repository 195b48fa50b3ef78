package dev.chronoscale.gateway.tls.acme;

import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * Headscale's {@code tls_letsencrypt_*}, {@code acme_url} and {@code acme_email}: the one host name certificates are
 * ordered for, where the account key and certificate are kept, how the CA validates the order, the CA's directory,
 * the account's contact, and CA roots to trust for the directory beyond the JVM's (from {@code SSL_CERT_FILE}, as
 * Headscale's Go runtime reads it).
 */
public record AcmeSettings(String hostname, Path cacheDir, ChallengeType challengeType, URI directory,
                           Optional<String> email, List<X509Certificate> extraDirectoryRoots) {

    public AcmeSettings {
        extraDirectoryRoots = List.copyOf(extraDirectoryRoots);
    }

    /** How the CA checks that this server answers for the host name. */
    public enum ChallengeType {
        /** A token fetched over plain HTTP on {@code tls_letsencrypt_listen} (port 80 for a real CA). */
        HTTP_01("HTTP-01"),
        /** A special certificate served on the TLS port itself, to a client offering ALPN {@code acme-tls/1} (RFC 8737). */
        TLS_ALPN_01("TLS-ALPN-01");

        private final String configName;

        ChallengeType(String configName) {
            this.configName = configName;
        }

        /** As {@code tls_letsencrypt_challenge_type} spells it. */
        public String configName() {
            return configName;
        }

        public static Optional<ChallengeType> byConfigName(String name) {
            for (ChallengeType type : values()) {
                if (type.configName.equals(name)) {
                    return Optional.of(type);
                }
            }
            return Optional.empty();
        }
    }
}
