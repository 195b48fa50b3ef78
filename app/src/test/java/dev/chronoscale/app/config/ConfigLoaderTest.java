package dev.chronoscale.app.config;

import dev.chronoscale.gateway.register.DeviceApproval;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.reports.ReportThresholds;
import dev.chronoscale.domain.address.AllocationStrategy;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import dev.chronoscale.gateway.tls.acme.AcmeSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @TempDir
    Path dir;
    final List<String> warnings = new ArrayList<>();

    private ChronoscaleConfig load(String yaml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("config.yaml");
        Files.writeString(file, yaml);
        return ConfigLoader.load(Optional.of(file), env, warnings::add);
    }

    @Test
    void withoutAFileEveryDefaultServesLocallyOnTheEmbeddedDatabase() {
        ChronoscaleConfig config = ConfigLoader.load(Optional.empty(), Map.of(), warnings::add);
        assertThat(config.listenAddr().getHostString()).isEqualTo("127.0.0.1");
        assertThat(config.listenAddr().getPort()).isEqualTo(8080);
        assertThat(config.database().type()).isEqualTo("h2");
        assertThat(config.database().jdbcUrl()).startsWith("jdbc:h2:file:").contains("DB_CLOSE_ON_EXIT=FALSE");
        assertThat(config.prefixV4()).map(Object::toString).contains("100.64.0.0/10");
        assertThat(config.prefixV6()).map(Object::toString).contains("fd7a:115c:a1e0::/48");
        assertThat(config.allocation()).isEqualTo(AllocationStrategy.SEQUENTIAL);
        assertThat(config.policyMode()).isEqualTo(ChronoscaleConfig.PolicyMode.DATABASE);
        assertThat(warnings).isEmpty();
    }

    @Test
    void deviceApprovalIsOffUnlessSetToManual() throws IOException {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), warnings::add).approval()).isEqualTo(DeviceApproval.AUTO);
        assertThat(load("node:\n  approval: manual\n", Map.of()).approval()).isEqualTo(new DeviceApproval(true, false));
        assertThat(load("node:\n  approval: Manual\n  approval_tagged_keys: true\n", Map.of()).approval())
                .isEqualTo(new DeviceApproval(true, true));
        assertThat(load("node:\n  approval: auto\n", Map.of("CHRONOSCALE_NODE_APPROVAL", "manual")).approval().manual())
                .isTrue();
        assertThat(warnings).isEmpty();
        assertThat(load("node:\n  approval_tagged_keys: true\n", Map.of()).approval()).isEqualTo(new DeviceApproval(false, true));
        assertThat(warnings).containsExactly("node.approval_tagged_keys has no effect while node.approval is auto");
    }

    @Test
    void aDeviceApprovalValueThatIsNeitherIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("node:\n  approval: yes-please\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.approval")
                .hasMessageContaining("'yes-please' must be manual or auto");
        assertThatThrownBy(() -> load("node:\n  approval: manual\n  approval_tagged_keys: sometimes\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("node.approval_tagged_keys")
                .hasMessageContaining("must be true or false");
    }

    @Test
    void tlsCertificateFilesAreResolvedAgainstTheConfigFile() throws IOException {
        ChronoscaleConfig config = load("server_url: https://hs.example.com\ntls_cert_path: certs/hs.crt\n"
                + "tls_key_path: /etc/ssl/hs.key\n", Map.of());
        assertThat(config.tls()).isEqualTo(new ChronoscaleConfig.Tls.Files(dir.resolve("certs/hs.crt"), Path.of("/etc/ssl/hs.key")));
        assertThat(warnings).isEmpty();
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), warnings::add).tls()).isEqualTo(new ChronoscaleConfig.Tls.None());
    }

    @Test
    void letsEncryptKeysTakeHeadscalesDefaults() throws IOException {
        ChronoscaleConfig config = load("server_url: https://hs.example.com\nlisten_addr: 0.0.0.0:443\n"
                + "data_dir: /var/lib/chronoscale\ntls_letsencrypt_hostname: HS.example.com\n", Map.of());
        assertThat(config.tls()).isEqualTo(new ChronoscaleConfig.Tls.Acme("hs.example.com", Path.of("/var/lib/chronoscale/cache"),
                AcmeSettings.ChallengeType.HTTP_01, new InetSocketAddress("0.0.0.0", 80),
                URI.create("https://acme-v02.api.letsencrypt.org/directory"), Optional.empty(), Optional.empty()));
        assertThat(warnings).isEmpty();
    }

    @Test
    void letsEncryptKeysAsAHeadscaleConfigSetsThem() throws IOException {
        ChronoscaleConfig config = load("""
                server_url: https://hs.example.com
                listen_addr: 0.0.0.0:8443
                acme_url: https://acme-staging-v02.api.letsencrypt.org/directory
                acme_email: ops@example.com
                tls_letsencrypt_hostname: hs.example.com
                tls_letsencrypt_cache_dir: ./cache
                tls_letsencrypt_challenge_type: TLS-ALPN-01
                tls_letsencrypt_listen: "127.0.0.1:8080"
                """, Map.of("SSL_CERT_FILE", "/etc/ssl/private-ca.pem"));
        ChronoscaleConfig.Tls.Acme acme = (ChronoscaleConfig.Tls.Acme) config.tls();
        assertThat(acme.cacheDir()).isEqualTo(dir.resolve("cache"));
        assertThat(acme.challengeType()).isEqualTo(AcmeSettings.ChallengeType.TLS_ALPN_01);
        assertThat(acme.http01Listen()).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
        assertThat(acme.directory()).isEqualTo(URI.create("https://acme-staging-v02.api.letsencrypt.org/directory"));
        assertThat(acme.email()).contains("ops@example.com");
        assertThat(acme.extraRoots()).contains(Path.of("/etc/ssl/private-ca.pem"));
        assertThat(warnings).containsExactly("tls_letsencrypt_challenge_type TLS-ALPN-01: the CA validates on port 443, "
                + "and listen_addr is port 8443; the server must be reachable on 443 for the host name");
    }

    @Test
    void tlsSettingsThatCannotWorkAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("tls_letsencrypt_hostname: hs.example.com\ntls_cert_path: a.pem\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("tls_letsencrypt_hostname")
                .hasMessageContaining("set either tls_letsencrypt_hostname or tls_cert_path/tls_key_path, not both");
        assertThatThrownBy(() -> load("tls_letsencrypt_hostname: hs.example.com\ntls_letsencrypt_challenge_type: DNS-01\n",
                Map.of())).hasMessageContaining("tls_letsencrypt_challenge_type")
                .hasMessageContaining("the only supported values are HTTP-01 and TLS-ALPN-01");
        assertThatThrownBy(() -> load("tls_cert_path: a.pem\n", Map.of())).hasMessageContaining("tls_key_path")
                .hasMessageContaining("tls_cert_path and tls_key_path must be set together");
        assertThatThrownBy(() -> load("tls_letsencrypt_hostname: https://hs.example.com\n", Map.of()))
                .hasMessageContaining("is not a DNS name");
        assertThatThrownBy(() -> load("tls_letsencrypt_hostname: hs.example.com\nacme_url: ftp://ca.example\n", Map.of()))
                .hasMessageContaining("acme_url");
        assertThatThrownBy(() -> load("tls_letsencrypt_hostname: hs.example.com\ntls_letsencrypt_listen: nowhere\n", Map.of()))
                .hasMessageContaining("tls_letsencrypt_listen");
    }

    @Test
    void tlsWithAPlainServerUrlIsWarnedAbout() throws IOException {
        load("server_url: http://hs.example.com\ntls_cert_path: a.pem\ntls_key_path: a.key\n", Map.of());
        assertThat(warnings).containsExactly("listening with TLS but server_url does not start with https://");
    }

    @Test
    void aHeadscaleConfigFileStartsChronoscale() throws IOException {
        ChronoscaleConfig config = load("""
                server_url: https://hs.example.com
                listen_addr: 0.0.0.0:8080
                metrics_listen_addr: 127.0.0.1:9090
                grpc_listen_addr: 127.0.0.1:50443
                noise:
                  private_key_path: ./noise_private.key
                prefixes:
                  v4: 100.64.0.0/10
                  v6: fd7a:115c:a1e0::/48
                  allocation: random
                derp:
                  server:
                    enabled: false
                    region_id: 999
                  urls:
                    - https://controlplane.tailscale.com/derpmap/default
                database:
                  type: postgres
                  postgres:
                    host: db.internal
                    port: 5433
                    name: headscale
                    user: hs
                    pass: secret
                    ssl: "true"
                dns:
                  magic_dns: true
                  base_domain: tailnet.example.com
                  nameservers:
                    global: [1.1.1.1, 9.9.9.9]
                unix_socket: /var/run/headscale/headscale.sock
                unix_socket_permission: "0770"
                policy:
                  mode: file
                  path: acl.hujson
                """, Map.of());
        assertThat(config.serverUrl()).isEqualTo("https://hs.example.com");
        assertThat(config.allocation()).isEqualTo(AllocationStrategy.RANDOM);
        assertThat(config.database().jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/headscale?sslmode=require");
        assertThat(config.database().user()).isEqualTo("hs");
        assertThat(config.dns().baseDomain()).isEqualTo("tailnet.example.com");
        assertThat(config.dns().globalNameservers()).containsExactly("1.1.1.1", "9.9.9.9");
        assertThat(config.noisePrivateKeyPath()).isEqualTo(dir.resolve("noise_private.key"));
        assertThat(config.policyPath()).contains(dir.resolve("acl.hujson"));
        assertThat(config.policyMode()).isEqualTo(ChronoscaleConfig.PolicyMode.FILE);
        assertThat(config.derp().urls()).hasSize(1);
        assertThat(warnings).containsExactly("config key 'grpc_listen_addr' is not supported by Chronoscale yet and is ignored");
    }

    private static final String KEYCLOAK = "oidc:\n  groups:\n    source: keycloak\n    keycloak:\n"
            + "      server_url: https://sso.example.com\n      realm: corp\n      client_id: chronoscale-sync\n";

    @Test
    void withoutAGroupSourceNothingIsSyncedAndTheIntervalIsFiveMinutes() {
        ChronoscaleConfig.GroupSync sync = ConfigLoader.load(Optional.empty(), Map.of(), warnings::add).groupSync();
        assertThat(sync.keycloak()).isEmpty();
        assertThat(sync.interval()).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void aKeycloakGroupSourceReadsItsSecretFromAFileNamedWithTheEnvironmentWhenTheServerStarts() throws IOException {
        Path credentials = Files.createDirectories(dir.resolve("creds"));
        ChronoscaleConfig.GroupSync sync = load(KEYCLOAK + "      client_secret_path: ${CREDENTIALS_DIRECTORY}/kc\n"
                + "    sync_interval: 90s\n", Map.of("CREDENTIALS_DIRECTORY", credentials.toString())).groupSync();
        assertThat(warnings).isEmpty();
        assertThat(sync.interval()).isEqualTo(Duration.ofSeconds(90));
        ChronoscaleConfig.KeycloakGroups keycloak = sync.keycloak().orElseThrow();
        assertThat(keycloak.secretFile()).contains(credentials.resolve("kc"));
        // Not read when the file is loaded (the CLI loads it too): only when the server asks for the settings.
        assertThatThrownBy(keycloak::settings).isInstanceOf(ConfigException.class)
                .hasMessageContaining("oidc.groups.keycloak.client_secret_path").hasMessageContaining("cannot read");
        Files.writeString(credentials.resolve("kc"), "s3cret\n");
        assertThat(keycloak.settings().clientSecret()).isEqualTo("s3cret");
        assertThat(keycloak.settings().issuer()).isEqualTo("https://sso.example.com/realms/corp");
        assertThat(keycloak.settings().toString()).doesNotContain("s3cret");
    }

    @Test
    void theKeycloakSecretMayComeFromTheEnvironment() throws IOException {
        ChronoscaleConfig.KeycloakGroups keycloak = load(KEYCLOAK, Map.of("CHRONOSCALE_OIDC_GROUPS_KEYCLOAK_CLIENT_SECRET", "from-env"))
                .groupSync().keycloak().orElseThrow();
        assertThat(keycloak.settings().clientSecret()).isEqualTo("from-env");
        assertThat(keycloak.toString()).doesNotContain("from-env");
    }

    @Test
    void groupSyncSettingsThatCannotWorkAreRefusedNamingTheKey() {
        assertThatThrownBy(() -> load("oidc:\n  groups:\n    source: ldap\n", Map.of()))
                .hasMessageStartingWith("config key 'oidc.groups.source'").hasMessageContaining("keycloak");
        assertThatThrownBy(() -> load(KEYCLOAK, Map.of()))
                .hasMessageStartingWith("config key 'oidc.groups.keycloak.client_secret'");
        assertThatThrownBy(() -> load(KEYCLOAK + "      client_secret: a\n      client_secret_path: /b\n", Map.of()))
                .hasMessageContaining("not both");
        assertThatThrownBy(() -> load(KEYCLOAK.replace("https://sso.example.com", "https://sso.example.com/realms/corp")
                + "      client_secret: a\n", Map.of()))
                .hasMessageStartingWith("config key 'oidc.groups.keycloak.server_url'").hasMessageContaining("without /realms/");
        assertThatThrownBy(() -> load(KEYCLOAK.replace("      realm: corp\n", "") + "      client_secret: a\n", Map.of()))
                .hasMessageStartingWith("config key 'oidc.groups.keycloak.realm'");
        assertThatThrownBy(() -> load(KEYCLOAK + "      client_secret: a\n    sync_interval: 1s\n", Map.of()))
                .hasMessageStartingWith("config key 'oidc.groups.sync_interval'").hasMessageContaining("at least 10s");
        assertThatThrownBy(() -> load(KEYCLOAK.replace("https://sso.example.com", "sso.example.com") + "      client_secret: a\n",
                Map.of())).hasMessageStartingWith("config key 'oidc.groups.keycloak.server_url'");
    }

    @Test
    void unknownKeysAreWarnedAboutNotFatal() throws IOException {
        load("listen_addr: 127.0.0.1:9999\nfavourite_colour: blue\nprefixes:\n  v5: nope\n", Map.of());
        assertThat(warnings).containsExactlyInAnyOrder("unknown config key 'favourite_colour' is ignored",
                "unknown config key 'prefixes.v5' is ignored");
    }

    @Test
    void wrongValuesAreFatalAndNameTheKey() {
        assertThatThrownBy(() -> load("prefixes:\n  v4: 100.64.0.0/40\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageStartingWith("config key 'prefixes.v4'");
        assertThatThrownBy(() -> load("prefixes:\n  v4: fd7a::/48\n", Map.of()))
                .hasMessageStartingWith("config key 'prefixes.v4'").hasMessageContaining("not an IPv4 prefix");
        assertThatThrownBy(() -> load("prefixes:\n  v6: \"\"\n", Map.of()))
                .hasMessageStartingWith("config key 'prefixes.v6'").hasMessageContaining("single-family");
        assertThatThrownBy(() -> load("listen_addr: localhost:http\n", Map.of()))
                .hasMessageStartingWith("config key 'listen_addr'");
        assertThatThrownBy(() -> load("database:\n  type: mysql\n", Map.of()))
                .hasMessageStartingWith("config key 'database.type'");
        assertThatThrownBy(() -> load("database:\n  type: postgres\n", Map.of()))
                .hasMessageStartingWith("config key 'database.postgres.name'");
        assertThatThrownBy(() -> load("dns:\n  magic_dns: maybe\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.magic_dns'");
        assertThatThrownBy(() -> load("node:\n  expiry: forever\n", Map.of()))
                .hasMessageStartingWith("config key 'node.expiry'");
        assertThatThrownBy(() -> load("server_url: hs.example.com\n", Map.of()))
                .hasMessageStartingWith("config key 'server_url'");
        assertThatThrownBy(() -> load("unix_socket_permission: rwx\n", Map.of()))
                .hasMessageStartingWith("config key 'unix_socket_permission'");
        assertThatThrownBy(() -> load("listen_addr: [1, 2]\n", Map.of()))
                .hasMessageStartingWith("config key 'listen_addr'");
        assertThatThrownBy(() -> load("- just\n- a list\n", Map.of())).hasMessageContaining("must be a YAML mapping");
        assertThatThrownBy(() -> load("listen_addr: [\n", Map.of())).hasMessageContaining("not valid YAML");
    }

    @Test
    void environmentVariablesOverrideTheFile() throws IOException {
        ChronoscaleConfig config = load("listen_addr: 127.0.0.1:8080\ndns:\n  base_domain: file.example\n",
                Map.of("CHRONOSCALE_LISTEN_ADDR", "0.0.0.0:9000", "CHRONOSCALE_DNS_BASE_DOMAIN", "env.example",
                        "CHRONOSCALE_NODE_EXPIRY", "90d"));
        assertThat(config.listenAddr().getPort()).isEqualTo(9000);
        assertThat(config.dns().baseDomain()).isEqualTo("env.example");
        assertThat(config.nodeExpiry()).isEqualTo(Duration.ofDays(90));
    }

    @Test
    void headscaleVariablesSetEveryKeyAndChronoscalesWinOverThem() throws IOException {
        ChronoscaleConfig config = load("server_url: https://file.example\nlisten_addr: 127.0.0.1:8080\n",
                Map.of("HEADSCALE_SERVER_URL", "https://hs.example.com", "HEADSCALE_LISTEN_ADDR", "0.0.0.0:9001",
                        "CHRONOSCALE_LISTEN_ADDR", "0.0.0.0:9002", "HEADSCALE_CLI_ADDRESS", "cs.example.com:443",
                        "HEADSCALE_CLI_API_KEY", "hskey-api-from-env", "HEADSCALE_LOGTAIL_ENABLED", "true"));
        assertThat(config.serverUrl()).isEqualTo("https://hs.example.com");
        assertThat(config.listenAddr().getPort()).isEqualTo(9002);
        assertThat(config.cli().address()).contains(java.net.URI.create("https://cs.example.com:443/"));
        assertThat(config.cli().apiKey()).contains("hskey-api-from-env");
        assertThat(config.cli().toString()).doesNotContain("from-env");
        assertThat(warnings).singleElement().asString()
                .isEqualTo("environment variable HEADSCALE_LOGTAIL_ENABLED (config key 'logtail.enabled') is not supported by "
                        + "Chronoscale yet and is ignored");
    }

    @Test
    void cliKeysAreHeadscalesWithItsDefaults() throws IOException {
        ChronoscaleConfig defaults = load("", Map.of());
        assertThat(defaults.cli().address()).isEmpty();
        assertThat(defaults.cli().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.cli().insecure()).isFalse();
        ChronoscaleConfig set = load("cli:\n  address: http://127.0.0.1:8080\n  api_key: hskey-api-x\n  timeout: 20s\n"
                + "  insecure: true\n", Map.of("CHRONOSCALE_CLI_TIMEOUT", "30s"));
        assertThat(set.cli().address()).contains(java.net.URI.create("http://127.0.0.1:8080/"));
        assertThat(set.cli().timeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(set.cli().insecure()).isTrue();
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> load("cli:\n  address: 'http://'\n", Map.of())).hasMessageStartingWith("config key 'cli.address'");
        assertThatThrownBy(() -> load("cli:\n  timeout: 0s\n", Map.of())).hasMessageStartingWith("config key 'cli.timeout'");
        load("cli:\n  adress: x\n", Map.of());
        assertThat(warnings).containsExactly("unknown config key 'cli.adress' is ignored");
    }

    @Test
    void logKeysAreHeadscalesLevelsAndFormats() throws IOException {
        assertThat(load("", Map.of()).log()).isEqualTo(new ChronoscaleConfig.Log("info", ChronoscaleConfig.LogFormat.TEXT));
        assertThat(load("log:\n  level: fatal\n  format: json\n", Map.of()).log())
                .isEqualTo(new ChronoscaleConfig.Log("error", ChronoscaleConfig.LogFormat.JSON));
        assertThat(load("log:\n  level: disabled\n", Map.of("HEADSCALE_LOG_FORMAT", "json")).log())
                .isEqualTo(new ChronoscaleConfig.Log("off", ChronoscaleConfig.LogFormat.JSON));
        assertThat(load("log:\n  level: DEBUG\n", Map.of()).log().level()).isEqualTo("debug");
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> load("log:\n  level: loud\n", Map.of())).hasMessageStartingWith("config key 'log.level'");
        assertThatThrownBy(() -> load("log:\n  format: xml\n", Map.of()))
                .hasMessage("config key 'log.format': 'xml' must be json or text");
    }

    @Test
    void theConfigFileIsSearchedAtOurPlaceThenAtHeadscales(@TempDir Path root) throws IOException {
        Path work = Files.createDirectories(root.resolve("work"));
        Path home = Files.createDirectories(root.resolve("home"));
        Path etc = Files.createDirectories(root.resolve("etc"));
        ConfigFileSearch search = new ConfigFileSearch(Map.of(), work, home, etc);
        assertThat(search.find()).isEmpty();
        Path cwdConfig = Files.writeString(work.resolve("config.yaml"), "");
        assertThat(search.find()).contains(cwdConfig);
        Path homeConfig = Files.writeString(Files.createDirectories(home.resolve(".headscale")).resolve("config.yaml"), "");
        assertThat(search.find()).contains(homeConfig);
        Path etcConfig = Files.writeString(Files.createDirectories(etc.resolve("headscale")).resolve("config.yaml"), "");
        assertThat(search.find()).contains(etcConfig);
        Path ours = Files.writeString(work.resolve("chronoscale.yaml"), "");
        assertThat(search.find()).contains(ours);
        assertThat(new ConfigFileSearch(Map.of("HEADSCALE_CONFIG", "/srv/hs.yaml"), work, home, etc).find())
                .contains(Path.of("/srv/hs.yaml"));
        assertThat(new ConfigFileSearch(Map.of("HEADSCALE_CONFIG", "/srv/hs.yaml", "CHRONOSCALE_CONFIG", "/srv/cs.yaml"),
                work, home, etc).find()).contains(Path.of("/srv/cs.yaml"));
    }

    @Test
    void sqliteIsTakenAsTheEmbeddedDatabaseWithAWarning() throws IOException {
        ChronoscaleConfig config = load("database:\n  type: sqlite\n  sqlite:\n    path: /var/lib/headscale/db.sqlite\n", Map.of());
        assertThat(config.database().type()).isEqualTo("h2");
        assertThat(warnings).singleElement().asString().contains("does not use SQLite")
                .contains("chronoscale import headscale --from sqlite:/var/lib/headscale/db.sqlite");
    }

    @Test
    void aMissingFileIsAnError() {
        assertThatThrownBy(() -> ConfigLoader.load(Optional.of(dir.resolve("nope.yaml")), Map.of(), warnings::add))
                .isInstanceOf(ConfigException.class).hasMessageContaining("does not exist");
    }

    @Test
    void durationsReadAsHeadscaleWritesThem() {
        assertThat(DurationText.parse("90d")).isEqualTo(Duration.ofDays(90));
        assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(DurationText.parse("2w")).isEqualTo(Duration.ofDays(14));
        assertThat(DurationText.parse("0")).isZero();
        assertThatThrownBy(() -> DurationText.parse("90 days")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("h")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DurationText.parse("5x")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void auditSinksAreReadWithTheirSettingsAndRelativePathsResolved() throws IOException {
        ChronoscaleConfig config = load("""
                audit:
                  poll_interval: 200ms
                  retry:
                    max_backoff: 1m
                  sinks:
                    - name: archive
                      type: file
                      path: logs/audit.jsonl
                      colour: blue
                    - name: hec
                      type: splunk_hec
                      url: https://splunk.example.com:8088
                      token: env:HEC_TOKEN
                """, Map.of("HEC_TOKEN", "t0ken"));
        ChronoscaleConfig.Audit audit = config.audit();
        assertThat(audit.pollInterval()).isEqualTo(Duration.ofMillis(200));
        assertThat(audit.maxBackoff()).isEqualTo(Duration.ofMinutes(1));
        assertThat(audit.keyPath()).isEqualTo(dir.resolve("data/audit_ed25519.key"));
        assertThat(audit.sinks()).hasSize(2);
        assertThat(audit.sinks().get(0).settings().get("path")).isEqualTo(dir.resolve("logs/audit.jsonl").toString());
        assertThat(audit.sinks().get(1).setting("token")).contains("t0ken");
        assertThat(audit.sinks().get(1).toString()).doesNotContain("t0ken");
        assertThat(warnings).containsExactly("unknown config key 'audit.sinks[0].colour' (sink archive) is ignored");
    }

    @Test
    void anAuditSinkThatCannotWorkStopsStartUpNamingIt() {
        assertThatThrownBy(() -> load("""
                audit:
                  sinks:
                    - name: siem
                      type: syslog
                      transport: tcp
                """, Map.of())).isInstanceOf(ConfigException.class)
                .hasMessage("config key 'audit.sinks[0]': audit sink 'siem' (syslog): 'address' is required");
        assertThatThrownBy(() -> load("""
                audit:
                  sinks:
                    - {name: a, type: webhook, url: "http://x", secret: s}
                    - {name: a, type: file, path: x.jsonl}
                """, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("used by another sink");
        assertThatThrownBy(() -> load("""
                audit:
                  sinks:
                    - {name: b, type: kafka}
                """, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("type must be one of");
    }

    @Test
    void historySnapshotsDefaultToEveryTenThousandEventsLookedForHourly() throws IOException {
        ChronoscaleConfig.History defaults = ConfigLoader.load(Optional.empty(), Map.of(), warnings::add).history();
        assertThat(defaults).isEqualTo(new ChronoscaleConfig.History(10_000, Duration.ofHours(1)));
        ChronoscaleConfig.History set = load("""
                history:
                  snapshot_every_events: 0
                  snapshot_interval: 15m
                """, Map.of()).history();
        assertThat(set.snapshots()).isFalse();
        assertThat(set.snapshotInterval()).isEqualTo(Duration.ofMinutes(15));
        assertThat(warnings).isEmpty();
    }

    @Test
    void badHistorySnapshotSettingsAreRefusedWithTheKeyNamed() {
        assertThatThrownBy(() -> load("history:\n  snapshot_every_events: 10\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("history.snapshot_every_events").hasMessageContaining("at least 100");
        assertThatThrownBy(() -> load("history:\n  snapshot_every_events: lots\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("whole number");
        assertThatThrownBy(() -> load("history:\n  snapshot_interval: 10s\n", Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("history.snapshot_interval").hasMessageContaining("at least 1m");
        assertThatThrownBy(() -> load("history:\n  snapshot_interval: soon\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("history.snapshot_interval");
    }

    @Test
    void theConsoleIsOnWithHalfAnHourIdleAndTwelveHoursAtMost() throws IOException {
        assertThat(ConfigLoader.load(Optional.empty(), Map.of(), warnings::add).console())
                .isEqualTo(new ChronoscaleConfig.Console(true, Duration.ofMinutes(30), Duration.ofHours(12)));
        assertThat(load("console:\n  enabled: false\n  session_idle_timeout: 5m\n  session_lifetime: 1h\n", Map.of()).console())
                .isEqualTo(new ChronoscaleConfig.Console(false, Duration.ofMinutes(5), Duration.ofHours(1)));
        assertThat(load("", Map.of("CHRONOSCALE_CONSOLE_ENABLED", "false")).console().enabled()).isFalse();
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> load("console:\n  session_idle_timeout: 2h\n  session_lifetime: 1h\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.session_lifetime")
                .hasMessageContaining("at least console.session_idle_timeout");
        assertThatThrownBy(() -> load("console:\n  session_idle_timeout: 0s\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.session_idle_timeout");
        assertThatThrownBy(() -> load("console:\n  enabled: maybe\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("console.enabled");
    }

    @Test
    void complianceSchedulesAreReadWithTheirDefaultsAndThresholds() throws IOException {
        ChronoscaleConfig config = load("""
                data_dir: /var/lib/cs
                compliance:
                  thresholds:
                    key_max_age_days: 30
                  schedules:
                    - name: quarterly-review
                      report: access-review
                      schedule: "0 6 1 */3 *"
                      formats: [pdf, json]
                      webhook_url: https://grc.example.com/evidence
                    - {name: weekly-admin, report: admin-activity, schedule: "0 7 * * 1"}
                """, Map.of());
        ChronoscaleConfig.Compliance compliance = config.compliance();
        assertThat(compliance.thresholds()).isEqualTo(new ReportThresholds(30, 30, 90));
        assertThat(compliance.reportsDir()).isEqualTo(Path.of("/var/lib/cs/reports"));
        assertThat(compliance.schedules()).containsExactly(
                new ChronoscaleConfig.ReportSchedule("quarterly-review", ReportKind.ACCESS_REVIEW, "0 6 1 */3 *",
                        Duration.ofDays(7), List.of(ReportFormat.PDF, ReportFormat.JSON),
                        Optional.of(java.net.URI.create("https://grc.example.com/evidence"))),
                new ChronoscaleConfig.ReportSchedule("weekly-admin", ReportKind.ADMIN_ACTIVITY, "0 7 * * 1",
                        Duration.ofDays(7), List.of(ReportFormat.JSON), Optional.empty()));
        assertThat(warnings).isEmpty();
    }

    @Test
    void aScheduleThatCannotRunStopsStartUpNamingIt() {
        assertThatThrownBy(() -> load("compliance:\n  schedules:\n    - {name: a, report: access-matrix, schedule: \"0 6 * * *\"}\n",
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("compliance.schedules[0].report").hasMessageContaining("access-review");
        assertThatThrownBy(() -> load("compliance:\n  schedules:\n    - {name: a, report: keys, schedule: \"every day\"}\n",
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("compliance.schedules[0].schedule");
        assertThatThrownBy(() -> load("compliance:\n  schedules:\n    - {name: a, report: keys, schedule: \"0 6 * * * *\"}\n",
                Map.of())).as("six fields").isInstanceOf(ConfigException.class).hasMessageContaining("five fields");
        assertThatThrownBy(() -> load("compliance:\n  schedules:\n    - {name: a, report: keys, schedule: \"0 6 * * *\", formats: [docx]}\n",
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("docx");
        assertThatThrownBy(() -> load("""
                compliance:
                  schedules:
                    - {name: a, report: keys, schedule: "0 6 * * *"}
                    - {name: a, report: devices, schedule: "0 6 * * *"}
                """, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("unique");
        assertThatThrownBy(() -> load("compliance:\n  thresholds:\n    dormant_days: 0\n", Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("compliance.thresholds");
        assertThatThrownBy(() -> load("compliance:\n  schedules:\n    - {name: a, report: keys, schedule: \"0 6 * * *\", webhook_url: \"ftp://x\"}\n",
                Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("webhook_url");
    }

    @Test
    void headscalesDnsKeysAreRead() throws IOException {
        ChronoscaleConfig config = load("""
                dns:
                  magic_dns: true
                  base_domain: tail.example.com
                  override_local_dns: false
                  nameservers:
                    global: [1.1.1.1, "2606:4700:4700::1111", "https://dns.nextdns.io/abc123"]
                    split:
                      corp.example.com: [10.0.0.53, "10.0.0.54:5353"]
                      internal.example: []
                  search_domains: [corp.example.com]
                  extra_records:
                    - name: grafana.tail.example.com
                      type: A
                      value: 100.64.0.3
                    - name: wiki.tail.example.com
                      type: AAAA
                      value: "fd7a:115c:a1e0::3"
                """, Map.of());
        ChronoscaleConfig.Dns dns = config.dns();
        assertThat(dns.overrideLocalDns()).isFalse();
        assertThat(dns.globalNameservers()).containsExactly("1.1.1.1", "2606:4700:4700::1111", "https://dns.nextdns.io/abc123");
        assertThat(dns.splitNameservers()).containsExactly(
                Map.entry("corp.example.com", List.of("10.0.0.53", "10.0.0.54:5353")), Map.entry("internal.example", List.of()));
        assertThat(dns.domains()).containsExactly("tail.example.com", "corp.example.com");
        assertThat(dns.extraRecords()).containsExactly(new DnsRecord("grafana.tail.example.com", "A", "100.64.0.3"),
                new DnsRecord("wiki.tail.example.com", "AAAA", "fd7a:115c:a1e0::3"));
        assertThat(dns.extraRecordsPath()).isEmpty();
        assertThat(warnings).isEmpty();

        ChronoscaleConfig defaults = load("dns:\n  base_domain: tail.example.com\n", Map.of());
        assertThat(defaults.dns().overrideLocalDns()).isTrue();
        assertThat(defaults.dns().splitNameservers()).isEmpty();
        assertThat(load("dns:\n  magic_dns: false\n", Map.of()).dns().domains())
                .as("the default base domain is searched only with MagicDNS").isEmpty();
        assertThat(load("dns:\n  magic_dns: false\n  base_domain: tail.example.com\n", Map.of()).dns().domains())
                .as("a base domain that is set is searched, as in Headscale").containsExactly("tail.example.com");
    }

    @Test
    void extraRecordsAreReadFromTheirJsonFileInHeadscalesFormat() throws IOException {
        Files.writeString(dir.resolve("records.json"), """
                [
                  {"name": "grafana.tail.example.com", "type": "A", "value": "100.64.0.3"},
                  {"Name": "prometheus.tail.example.com", "Value": "100.64.0.4"},
                  {"name": "grafana.tail.example.com", "type": "A", "value": "100.64.0.3"}
                ]
                """);
        ChronoscaleConfig config = load("dns:\n  base_domain: tail.example.com\n  extra_records_path: records.json\n", Map.of());
        assertThat(config.dns().extraRecordsPath()).contains(dir.resolve("records.json"));
        assertThat(config.dns().extraRecords()).as("a record listed twice is sent once").containsExactly(
                new DnsRecord("grafana.tail.example.com", "A", "100.64.0.3"),
                new DnsRecord("prometheus.tail.example.com", null, "100.64.0.4"));

        Files.writeString(dir.resolve("empty.json"), "");
        assertThat(load("dns:\n  extra_records_path: empty.json\n", Map.of()).dns().extraRecords()).isEmpty();
    }

    @Test
    void dnsValuesTheClientsCannotUseStopStartUpNamingTheKey() throws IOException {
        assertThatThrownBy(() -> load("dns:\n  nameservers:\n    global: [one.one.one.one]\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.nameservers.global'").hasMessageContaining("one.one.one.one");
        assertThatThrownBy(() -> load("dns:\n  override_local_dns: true\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.override_local_dns'")
                .hasMessageContaining("dns.nameservers.global must list");
        assertThatThrownBy(() -> load("dns:\n  nameservers:\n    split:\n      corp.example.com: [10.0.0.300]\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.nameservers.split.corp.example.com'")
                .hasMessageContaining("10.0.0.300");
        assertThatThrownBy(() -> load("dns:\n  nameservers:\n    split:\n      \"bad domain\": [10.0.0.53]\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.nameservers.split.bad domain'").hasMessageContaining("not a domain name");
        assertThatThrownBy(() -> load("dns:\n  nameservers:\n    split: [10.0.0.53]\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.nameservers.split'").hasMessageContaining("mapping");
        assertThatThrownBy(() -> load("dns:\n  search_domains: [\"corp..example\"]\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.search_domains'");
        assertThatThrownBy(() -> load("dns:\n  extra_records:\n    - name: x.example\n      type: CNAME\n      value: y.example\n",
                Map.of())).hasMessageStartingWith("config key 'dns.extra_records'").hasMessageContaining("CNAME");
        assertThatThrownBy(() -> load("dns:\n  extra_records:\n    - name: x.example\n      type: A\n      value: \"fd7a::1\"\n",
                Map.of())).hasMessageStartingWith("config key 'dns.extra_records'").hasMessageContaining("IPv4");
        assertThatThrownBy(() -> load("dns:\n  extra_records:\n    - type: A\n      value: 100.64.0.1\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.extra_records'").hasMessageContaining("has no name");
        Files.writeString(dir.resolve("records.json"), "[{\"name\": \"x.example\", \"value\": \"100.64.0.1\"}");
        assertThatThrownBy(() -> load("dns:\n  extra_records_path: records.json\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.extra_records_path'").hasMessageContaining("not JSON");
        assertThatThrownBy(() -> load("dns:\n  extra_records_path: missing.json\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.extra_records_path'").hasMessageContaining("is not a file");
        Files.writeString(dir.resolve("records.json"), "[]");
        assertThatThrownBy(() -> load("dns:\n  extra_records_path: records.json\n  extra_records: []\n", Map.of()))
                .hasMessageStartingWith("config key 'dns.extra_records_path'").hasMessageContaining("cannot both be set");
    }

    @Test
    void taildropIsOnUnlessTurnedOff() throws IOException {
        assertThat(load("listen_addr: 127.0.0.1:8080\n", Map.of()).taildropEnabled()).isTrue();
        assertThat(load("taildrop:\n  enabled: false\n", Map.of()).taildropEnabled()).isFalse();
        assertThat(warnings).isEmpty();
        assertThatThrownBy(() -> load("taildrop:\n  enabled: sometimes\n", Map.of()))
                .hasMessageStartingWith("config key 'taildrop.enabled'");
    }

    @Test
    void oidcKeysReadAsHeadscaleReadsThem() throws IOException {
        Files.createDirectories(dir.resolve("secrets"));
        Files.writeString(dir.resolve("secrets/oidc"), "  s3cret\n");
        ChronoscaleConfig config = load("""
                oidc:
                  issuer: https://sso.example.com/realms/corp
                  client_id: chronoscale
                  client_secret_path: ${SECRETS}/oidc
                  extra_params:
                    kc_idp_hint: corp
                  allowed_groups: [/ops]
                  expiry: 0
                  pkce:
                    enabled: true
                    method: plain
                """, Map.of("SECRETS", dir.resolve("secrets").toString()));
        var oidc = config.oidc().orElseThrow();
        assertThat(oidc.clientSecret()).isEqualTo("s3cret");
        assertThat(oidc.toString()).doesNotContain("s3cret");
        assertThat(oidc.scope()).containsExactly("openid", "profile", "email");
        assertThat(oidc.extraParams()).containsEntry("kc_idp_hint", "corp");
        assertThat(oidc.allowedGroups()).containsExactly("/ops");
        assertThat(oidc.expiry()).isZero();
        assertThat(oidc.pkceEnabled()).isTrue();
        assertThat(oidc.pkceMethod()).isEqualTo(dev.chronoscale.admin.login.oidc.OidcSettings.PkceMethod.PLAIN);
        assertThat(oidc.emailVerifiedRequired()).isTrue();
        assertThat(oidc.onlyStartIfAvailable()).isTrue();
        assertThat(warnings).noneMatch(warning -> warning.contains("oidc"));
        assertThat(load("server_url: http://127.0.0.1:8080\n", Map.of()).oidc()).isEmpty();
        assertThat(load("oidc:\n  issuer: https://sso.example.com\n  client_id: c\n  client_secret: s\n", Map.of())
                .oidc().orElseThrow().expiry()).isEqualTo(java.time.Duration.ofDays(180));
    }

    @Test
    void oidcSettingsThatCannotWorkAreRefusedNamingTheKey() {
        String base = "oidc:\n  issuer: https://sso.example.com\n  client_id: c\n";
        assertThatThrownBy(() -> load("oidc:\n  issuer: sso.example.com\n", Map.of()))
                .hasMessageContaining("oidc.issuer").hasMessageContaining("valid http(s) URL");
        assertThatThrownBy(() -> load("oidc:\n  issuer: https://sso.example.com\n  client_secret: s\n", Map.of()))
                .hasMessageContaining("oidc.client_id").hasMessageContaining("is required when oidc.issuer is set");
        assertThatThrownBy(() -> load(base, Map.of())).hasMessageContaining("oidc.client_secret_path is required");
        assertThatThrownBy(() -> load(base + "  client_secret: s\n  client_secret_path: /x\n", Map.of()))
                .hasMessageContaining("mutually exclusive");
        assertThatThrownBy(() -> load(base + "  client_secret_path: /nonexistent/secret\n", Map.of()))
                .hasMessageContaining("oidc.client_secret_path").hasMessageContaining("cannot read");
        assertThatThrownBy(() -> load(base + "  client_secret: s\n  pkce:\n    method: S512\n", Map.of()))
                .hasMessageContaining("oidc.pkce.method").hasMessageContaining("'plain' or 'S256'");
        assertThatThrownBy(() -> load(base + "  client_secret: s\n  scope: [profile]\n", Map.of()))
                .hasMessageContaining("oidc.scope");
    }
}
