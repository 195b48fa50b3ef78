package dev.chronoscale.app.config;

import dev.chronoscale.gateway.tls.acme.AcmeSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Headscale's {@code tls_*} and ACME keys: a certificate from files, one from an ACME CA, or plain HTTP. */
final class TlsKeys {

    private TlsKeys() {
    }

    /** Headscale's TLS keys: a certificate and key from files, or one from an ACME CA, or none (plain HTTP). */
    static ChronoscaleConfig.Tls read(ConfigValues values, Path dataDir, String serverUrl, InetSocketAddress listenAddr) {
        String hostname = values.text("tls_letsencrypt_hostname", "");
        String certificate = values.text("tls_cert_path", "");
        String key = values.text("tls_key_path", "");
        ChronoscaleConfig.Tls tls;
        if (!hostname.isEmpty()) {
            if (!certificate.isEmpty() || !key.isEmpty()) {
                throw new ConfigException("tls_letsencrypt_hostname",
                        "set either tls_letsencrypt_hostname or tls_cert_path/tls_key_path, not both");
            }
            if (!hostname.matches("(?i)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*")) {
                throw new ConfigException("tls_letsencrypt_hostname", "'" + hostname + "' is not a DNS name");
            }
            String challengeName = values.text("tls_letsencrypt_challenge_type", "HTTP-01");
            AcmeSettings.ChallengeType challenge = AcmeSettings.ChallengeType.byConfigName(challengeName).orElseThrow(() ->
                    new ConfigException("tls_letsencrypt_challenge_type", "'" + challengeName
                            + "': the only supported values are HTTP-01 and TLS-ALPN-01"));
            if (challenge == AcmeSettings.ChallengeType.TLS_ALPN_01 && listenAddr.getPort() != 443) {
                // Only a warning, as in Headscale: something in front (a port forward) may bring 443 here.
                values.warn("tls_letsencrypt_challenge_type TLS-ALPN-01: the CA validates on port 443, and listen_addr "
                        + "is port " + listenAddr.getPort() + "; the server must be reachable on 443 for the host name");
            }
            String listen = values.text("tls_letsencrypt_listen", ":http").replaceAll(":http$", ":80").replaceAll(":https$", ":443");
            URI directory;
            String acmeUrl = values.text("acme_url", "https://acme-v02.api.letsencrypt.org/directory");
            try {
                directory = URI.create(acmeUrl);
                if (!"https".equals(directory.getScheme()) && !"http".equals(directory.getScheme())) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                throw new ConfigException("acme_url", "'" + acmeUrl + "' is not the URL of an ACME directory: " + e.getMessage());
            }
            String email = values.text("acme_email", "");
            String extraRoots = Optional.ofNullable(values.env("SSL_CERT_FILE")).orElse("").trim();
            tls = new ChronoscaleConfig.Tls.Acme(hostname.toLowerCase(Locale.ROOT),
                    values.path("tls_letsencrypt_cache_dir", dataDir.resolve("cache").toString()), challenge,
                    ConfigValues.address("tls_letsencrypt_listen", listen), directory, email.isEmpty() ? Optional.empty() : Optional.of(email),
                    extraRoots.isEmpty() ? Optional.empty() : Optional.of(values.baseDir().resolve(extraRoots).normalize()));
        } else if (!certificate.isEmpty() || !key.isEmpty()) {
            if (certificate.isEmpty() || key.isEmpty()) {
                throw new ConfigException(certificate.isEmpty() ? "tls_cert_path" : "tls_key_path",
                        "tls_cert_path and tls_key_path must be set together");
            }
            tls = new ChronoscaleConfig.Tls.Files(values.path("tls_cert_path", certificate), values.path("tls_key_path", key));
        } else {
            // An https server_url without TLS here is the reverse-proxy setup, so no warning (Headscale warns).
            return new ChronoscaleConfig.Tls.None();
        }
        if (!serverUrl.startsWith("https://")) {
            values.warn("listening with TLS but server_url does not start with https://");
        }
        return tls;
    }
}
