package dev.chronoscale.app.config;

import dev.chronoscale.admin.login.IdpRoleMapping;
import dev.chronoscale.admin.login.oidc.OidcSettings;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.reports.ReportThresholds;

import dev.chronoscale.auditexport.delivery.SinkConfig;
import dev.chronoscale.domain.address.AllocationStrategy;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import dev.chronoscale.gateway.register.DeviceApproval;
import dev.chronoscale.gateway.tls.acme.AcmeSettings;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The server's settings, read from Headscale-compatible keys (see docs/configuration.md). Paths are
 * already resolved against the config file's folder.
 */
public record ChronoscaleConfig(
        String serverUrl,
        InetSocketAddress listenAddr,
        Optional<InetSocketAddress> metricsListenAddr,
        Path dataDir,
        Path noisePrivateKeyPath,
        Optional<IpPrefix> prefixV4,
        Optional<IpPrefix> prefixV6,
        AllocationStrategy allocation,
        Database database,
        Dns dns,
        Optional<Path> unixSocket,
        String unixSocketPermission,
        PolicyMode policyMode,
        Optional<Path> policyPath,
        Duration nodeExpiry,
        Duration ephemeralInactivityTimeout,
        Duration batchChangeDelay,
        Derp derp,
        Audit audit,
        History history,
        Compliance compliance,
        boolean taildropEnabled,
        Cli cli,
        Log log,
        Tls tls,
        DeviceApproval approval,
        IdpRoleMapping idpRoles,
        Optional<OidcSettings> oidc,
        GroupSync groupSync,
        Console console) {

    /**
     * The built-in web console ({@code console.*}): whether it is served at all, and how long its sessions last without
     * a request and at most.
     */
    public record Console(boolean enabled, Duration sessionIdleTimeout, Duration sessionLifetime) {
    }

    /**
     * Where users' identity provider groups are read from ({@code oidc.groups.*}): a Keycloak realm, or nowhere (a
     * login's groups claim only); {@code interval} between syncs, zero for only at start and on demand.
     */
    public record GroupSync(Optional<KeycloakGroups> keycloak, Duration interval) {
    }

    /**
     * A Keycloak realm read as a service account ({@code oidc.groups.keycloak.*}). The secret is the value of
     * {@code client_secret}, or read from {@code secretFile} when the server starts: the CLI reads this config file too,
     * and need not be able to read the secret.
     */
    public record KeycloakGroups(java.net.URI serverUrl, String realm, String clientId, Optional<String> secret,
                                 Optional<Path> secretFile, Duration timeout) {

        /** @throws ConfigException when the secret's file cannot be read or is empty */
        public dev.chronoscale.admin.groups.KeycloakDirectorySettings settings() {
            return new dev.chronoscale.admin.groups.KeycloakDirectorySettings(serverUrl, realm, clientId,
                    secret.orElseGet(() -> GroupSyncKeys.readSecret(secretFile.orElseThrow())), timeout);
        }

        @Override
        public String toString() {
            return "KeycloakGroups[serverUrl=" + serverUrl + ", realm=" + realm + ", clientId=" + clientId
                    + ", secretFile=" + secretFile + ", timeout=" + timeout + "]";
        }
    }

    public enum PolicyMode { FILE, DATABASE }

    /**
     * Headscale's {@code log.level} (as the server's own loggers' level, one of SLF4J's: {@code trace} to
     * {@code error}, or {@code off}) and {@code log.format}.
     */
    public record Log(String level, LogFormat format) {
    }

    public enum LogFormat { TEXT, JSON }

    /**
     * Headscale's {@code cli.*}: the server a client command talks to remotely (none: the unix socket), the API key
     * for it, how long connecting may take, and whether a TLS certificate is checked.
     */
    public record Cli(Optional<URI> address, Optional<String> apiKey, Duration timeout, boolean insecure) {
        @Override
        public String toString() {
            return "Cli[address=" + address + ", apiKey=" + apiKey.map(k -> "***") + ", timeout=" + timeout
                    + ", insecure=" + insecure + "]";
        }
    }

    /** Either the embedded H2 file database or PostgreSQL. */
    public record Database(String type, String jdbcUrl, String user, String password) {
        public boolean isPostgres() {
            return type.equals("postgres");
        }
    }

    /**
     * Headscale's {@code dns} keys: MagicDNS and its base domain; the global nameservers, which replace the devices'
     * own ({@code override_local_dns}) or only answer what split DNS leaves; the split nameservers per domain; the
     * search domains as clients get them (the base domain first); the extra records, and the file they are read
     * from and followed in, if any.
     */
    public record Dns(boolean magicDns, String baseDomain, List<String> globalNameservers, boolean overrideLocalDns,
                      Map<String, List<String>> splitNameservers, List<String> domains, List<DnsRecord> extraRecords,
                      Optional<Path> extraRecordsPath) {
    }

    /**
     * The audit trail: where the Ed25519 audit key lives, how often the chain follows the event store,
     * how long a gap in global indexes is waited for, and the SIEM sinks (docs/audit.md).
     */
    public record Audit(Path keyPath, Duration pollInterval, Duration gapPatience, int batchSize,
                        Duration initialBackoff, Duration maxBackoff, List<SinkConfig> sinks) {
    }

    /**
     * Time travel's snapshots (docs/configuration.md): one every {@code snapshotEveryEvents} events of the log (0
     * takes none), looked for at start and then every {@code snapshotInterval}.
     */
    public record History(int snapshotEveryEvents, Duration snapshotInterval) {
        public boolean snapshots() {
            return snapshotEveryEvents > 0;
        }
    }

    public record Derp(boolean serverEnabled, int regionId, String regionCode, String regionName,
                       String stunListenAddr, boolean verifyClients, Path privateKeyPath,
                       List<String> urls, List<Path> paths) {
    }

    /**
     * Compliance reports (docs/compliance.md): the thresholds they flag, the folder scheduled reports are written to,
     * and the schedules.
     */
    public record Compliance(ReportThresholds thresholds, Path reportsDir, List<ReportSchedule> schedules) {
    }

    /**
     * A report run on a schedule: a five-field cron expression in UTC; a period report (and a devices report) covers
     * {@code period} up to the run; each format is written to the reports folder and, when given, posted to
     * {@code webhookUrl}.
     */
    public record ReportSchedule(String name, ReportKind kind, String cron, Duration period, List<ReportFormat> formats,
                                 Optional<URI> webhookUrl) {
    }

    /** How the public listener speaks TLS (docs/configuration.md, "TLS"). */
    public sealed interface Tls {
        /** Plain HTTP: no TLS, or TLS ended by a reverse proxy in front. */
        record None() implements Tls {
        }

        /** {@code tls_cert_path} and {@code tls_key_path}, read again whenever they change. */
        record Files(Path certificatePath, Path keyPath) implements Tls {
        }

        /**
         * {@code tls_letsencrypt_*}, {@code acme_url}, {@code acme_email}; {@code extraRoots} is {@code SSL_CERT_FILE}, CA
         * roots trusted for the ACME directory beyond the JVM's.
         */
        record Acme(String hostname, Path cacheDir, AcmeSettings.ChallengeType challengeType, InetSocketAddress http01Listen,
                    URI directory, Optional<String> email, Optional<Path> extraRoots) implements Tls {
        }
    }
}
