package dev.chronoscale.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chronoscale.auditexport.delivery.SinkConfig;
import dev.chronoscale.auditexport.sinks.SinkFactory;
import dev.chronoscale.compliance.ReportKind;
import dev.chronoscale.compliance.format.ReportFormat;
import dev.chronoscale.compliance.reports.ReportThresholds;
import dev.chronoscale.domain.address.AllocationStrategy;
import dev.chronoscale.domain.net.IpPrefix;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads the YAML config file (Headscale's key names), applies {@code CHRONOSCALE_*} environment
 * overrides, warns about keys it does not know or does not act on, and fails on wrong values with
 * the key named.
 */
public final class ConfigLoader {

    /** Keys Chronoscale reads. */
    static final Set<String> SUPPORTED = Set.of(
            "server_url", "listen_addr", "metrics_listen_addr", "data_dir", "noise.private_key_path",
            "prefixes.v4", "prefixes.v6", "prefixes.allocation",
            "database.type", "database.h2.path", "database.sqlite.path", "database.postgres.host",
            "database.postgres.port", "database.postgres.name", "database.postgres.user", "database.postgres.pass",
            "database.postgres.ssl", "database.postgres.url",
            "dns.magic_dns", "dns.base_domain", "dns.nameservers.global", "dns.search_domains",
            "dns.override_local_dns", "dns.nameservers.split", "dns.extra_records", "dns.extra_records_path",
            "taildrop.enabled",
            "unix_socket", "unix_socket_permission", "policy.mode", "policy.path",
            "node.expiry", "node.ephemeral.inactivity_timeout", "node.approval", "node.approval_tagged_keys", "ephemeral_node_inactivity_timeout",
            "derp.server.enabled", "derp.server.region_id", "derp.server.region_code", "derp.server.region_name",
            "derp.server.stun_listen_addr", "derp.server.verify_clients", "derp.server.private_key_path",
            "derp.urls", "derp.paths",
            "audit.key_path", "audit.poll_interval", "audit.gap_patience", "audit.batch_size",
            "audit.retry.initial_backoff", "audit.retry.max_backoff", "audit.sinks", "tuning.batch_change_delay",
            "history.snapshot_every_events", "history.snapshot_interval",
            "console.enabled", "console.session_idle_timeout", "console.session_lifetime",
            "compliance.thresholds.key_max_age_days", "compliance.thresholds.dormant_days",
            "compliance.thresholds.devices_period_days", "compliance.reports_dir", "compliance.schedules",
            "cli.address", "cli.api_key", "cli.timeout", "cli.insecure", "log.level", "log.format",
            "tls_cert_path", "tls_key_path", "tls_letsencrypt_hostname", "tls_letsencrypt_cache_dir",
            "tls_letsencrypt_challenge_type", "tls_letsencrypt_listen", "acme_url", "acme_email",
            "oidc.roles.claim", "oidc.roles.admin", "oidc.roles.network_admin", "oidc.roles.auditor", "oidc.roles.member",
            "oidc.issuer", "oidc.client_id", "oidc.client_secret", "oidc.client_secret_path", "oidc.scope",
            "oidc.extra_params", "oidc.allowed_domains", "oidc.allowed_users", "oidc.allowed_groups",
            "oidc.email_verified_required", "oidc.expiry", "oidc.use_expiry_from_token", "oidc.pkce.enabled",
            "oidc.pkce.method", "oidc.only_start_if_oidc_is_available",
            GroupSyncKeys.SOURCE, GroupSyncKeys.INTERVAL, GroupSyncKeys.SERVER_URL, GroupSyncKeys.REALM,
            GroupSyncKeys.CLIENT_ID, GroupSyncKeys.CLIENT_SECRET, GroupSyncKeys.CLIENT_SECRET_PATH, GroupSyncKeys.TIMEOUT);

    /**
     * The prefixes of environment variables that set a key ({@code PREFIX} + the key in upper case, {@code .} as
     * {@code _}), weakest first: Headscale's, then Chronoscale's, so that both stand beside a file and ours win.
     */
    static final List<String> ENV_PREFIXES = List.of("HEADSCALE_", "CHRONOSCALE_");

    /** Headscale keys that are understood but have no effect in Chronoscale yet. */
    static final Set<String> NOT_YET_ACTED_ON = Set.of(
            "grpc_listen_addr", "grpc_allow_insecure", "trusted_proxies",
            "disable_check_updates", "derp.auto_update_enabled", "derp.update_frequency",
            "derp.server.automatically_add_embedded_derp_region", "derp.server.ipv4", "derp.server.ipv6",
            "database.debug", "database.sqlite.write_ahead_log", "database.sqlite.wal_autocheckpoint",
            "database.postgres.max_open_conns", "database.postgres.max_idle_conns",
            "database.postgres.conn_max_idle_time_secs", "logtail.enabled",
            "auto_update.enabled", "node.routes.ha.probe_interval", "node.routes.ha.probe_timeout");

    private final Map<String, JsonNode> values;
    private final Path baseDir;
    private final Consumer<String> warnings;

    private final Map<String, String> env;
    private final ConfigValues typed;

    private ConfigLoader(Map<String, JsonNode> values, Path baseDir, Consumer<String> warnings, Map<String, String> env) {
        this.env = env;
        this.values = values;
        this.baseDir = baseDir;
        this.warnings = warnings;
        this.typed = new ConfigValues(values, baseDir, env, warnings);
    }

    private ConfigValues values() {
        return typed;
    }

    /**
     * Loads {@code file} (or no file: every default), with {@code env} overrides. Warnings go to
     * {@code warnings}; an unusable value throws {@link ConfigException}.
     */
    public static ChronoscaleConfig load(Optional<Path> file, Map<String, String> env, Consumer<String> warnings) {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        Path baseDir = Path.of(".").toAbsolutePath().normalize();
        if (file.isPresent()) {
            Path path = file.get();
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("config file " + path + " does not exist");
            }
            baseDir = path.toAbsolutePath().getParent();
            try {
                JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
                if (root != null && !root.isMissingNode() && !root.isNull()) {
                    if (!root.isObject()) {
                        throw new ConfigException("config file " + path + " must be a YAML mapping of keys to values");
                    }
                    flatten("", root, values);
                }
            } catch (IOException e) {
                throw new ConfigException("config file " + path + " is not valid YAML: "
                        + e.getMessage().lines().findFirst().orElse(""));
            }
        }
        for (String key : List.copyOf(values.keySet())) {
            if (NOT_YET_ACTED_ON.contains(key)) {
                warnings.accept("config key '" + key + "' is not supported by Chronoscale yet and is ignored");
            } else if (!SUPPORTED.contains(key) && !key.startsWith("oidc.") && !key.startsWith("tuning.")
                    && !key.startsWith("database.gorm.")) {
                warnings.accept("unknown config key '" + key + "' is ignored");
            } else if (!SUPPORTED.contains(key)
                    && (key.startsWith("oidc.") || key.startsWith("tuning.") || key.startsWith("database.gorm."))) {
                warnings.accept("config key '" + key + "' is not supported by Chronoscale yet and is ignored");
            }
        }
        for (String prefix : ENV_PREFIXES) {
            for (String key : SUPPORTED) {
                if (key.equals("audit.sinks") || key.equals("compliance.schedules") || key.equals("dns.extra_records")
                        || key.equals("dns.nameservers.split") || key.equals("oidc.extra_params")) {
                    continue; // a list or mapping of mappings has no single-string form
                }
                String value = env.get(variable(prefix, key));
                if (value != null) {
                    values.put(key, com.fasterxml.jackson.databind.node.TextNode.valueOf(value));
                }
            }
            for (String key : NOT_YET_ACTED_ON) {
                if (env.containsKey(variable(prefix, key))) {
                    warnings.accept("environment variable " + variable(prefix, key) + " (config key '" + key
                            + "') is not supported by Chronoscale yet and is ignored");
                }
            }
        }
        return new ConfigLoader(values, baseDir, warnings, env).build();
    }

    static String variable(String prefix, String key) {
        return prefix + key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> into) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            if (field.getValue().isObject() && !isMapValued(key)) {
                flatten(key, field.getValue(), into);
            } else {
                into.put(key, field.getValue());
            }
        }
    }

    private static boolean isMapValued(String key) {
        return key.equals("dns.nameservers.split") || key.equals("oidc.extra_params");
    }

    private ChronoscaleConfig build() {
        Path dataDir = path("data_dir", "data");
        String listen = text("listen_addr", "127.0.0.1:8080");
        InetSocketAddress listenAddr = address("listen_addr", listen);
        String serverUrl = text("server_url", "http://" + listen);
        if (!serverUrl.startsWith("http://") && !serverUrl.startsWith("https://")) {
            throw new ConfigException("server_url", "'" + serverUrl + "' must start with http:// or https://");
        }
        String metrics = text("metrics_listen_addr", "127.0.0.1:9090");
        Optional<InetSocketAddress> metricsAddr = metrics.isEmpty() ? Optional.empty()
                : Optional.of(address("metrics_listen_addr", metrics));
        Optional<IpPrefix> v4 = prefix("prefixes.v4", "100.64.0.0/10", true);
        Optional<IpPrefix> v6 = prefix("prefixes.v6", "fd7a:115c:a1e0::/48", false);
        if (v4.isEmpty() && v6.isEmpty()) {
            throw new ConfigException("prefixes", "at least one of prefixes.v4 and prefixes.v6 must be set");
        }
        if (v4.isEmpty() || v6.isEmpty()) {
            // The policy compiler gives every node one address of each family; a single-family tailnet
            // would leave nodes out of their peers' maps, so it is refused rather than half-served.
            throw new ConfigException(v4.isEmpty() ? "prefixes.v4" : "prefixes.v6",
                    "both prefixes.v4 and prefixes.v6 must be set: single-family tailnets are not supported yet");
        }
        AllocationStrategy allocation;
        try {
            allocation = AllocationStrategy.parse(text("prefixes.allocation", "sequential"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("prefixes.allocation", e.getMessage());
        }
        String socket = text("unix_socket", dataDir.resolve("chronoscale.sock").toString());
        String permission = text("unix_socket_permission", "0770");
        if (!permission.matches("0?[0-7]{3}")) {
            throw new ConfigException("unix_socket_permission", "'" + permission + "' is not an octal mode such as 0770");
        }
        String mode = text("policy.mode", "database").toLowerCase(Locale.ROOT);
        ChronoscaleConfig.PolicyMode policyMode = switch (mode) {
            case "file" -> ChronoscaleConfig.PolicyMode.FILE;
            case "database" -> ChronoscaleConfig.PolicyMode.DATABASE;
            default -> throw new ConfigException("policy.mode", "'" + mode + "' must be file or database");
        };
        String policyPath = text("policy.path", "");
        Duration ephemeral = values.containsKey("node.ephemeral.inactivity_timeout") || !values.containsKey("ephemeral_node_inactivity_timeout")
                ? duration("node.ephemeral.inactivity_timeout", "30m")
                : duration("ephemeral_node_inactivity_timeout", "30m");
        if (ephemeral.compareTo(Duration.ofSeconds(65)) <= 0) {
            throw new ConfigException("node.ephemeral.inactivity_timeout", "must be longer than 65s");
        }
        return new ChronoscaleConfig(serverUrl, listenAddr, metricsAddr, dataDir,
                path("noise.private_key_path", dataDir.resolve("noise_private.key").toString()),
                v4, v6, allocation, database(dataDir),
                DnsKeys.read(values()),
                socket.isEmpty() ? Optional.empty() : Optional.of(baseDir.resolve(socket).normalize()),
                permission, policyMode,
                policyPath.isEmpty() ? Optional.empty() : Optional.of(baseDir.resolve(policyPath).normalize()),
                duration("node.expiry", "0"), ephemeral, batchChangeDelay(), derp(dataDir, listenAddr), audit(dataDir),
                history(), compliance(dataDir), bool("taildrop.enabled", true), cli(), log(),
                TlsKeys.read(values(), dataDir, serverUrl, listenAddr), NodeApprovalKeys.read(values()), IdpRoleKeys.read(values()),
                OidcKeys.read(values()), GroupSyncKeys.read(values()), console());
    }

    private ChronoscaleConfig.Console console() {
        Duration idle = duration("console.session_idle_timeout", "30m");
        Duration lifetime = duration("console.session_lifetime", "12h");
        if (idle.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new ConfigException("console.session_idle_timeout", "must be at least 1s");
        }
        if (lifetime.compareTo(idle) < 0) {
            throw new ConfigException("console.session_lifetime", "must be at least console.session_idle_timeout ("
                    + idle.toString().substring(2).toLowerCase(Locale.ROOT) + ")");
        }
        return new ChronoscaleConfig.Console(bool("console.enabled", true), idle, lifetime);
    }

    /** Headscale's levels are zerolog's; fatal and panic are errors here, disabled is off. */
    private ChronoscaleConfig.Log log() {
        String level = text("log.level", "info").toLowerCase(Locale.ROOT);
        String mapped = switch (level) {
            case "trace", "debug", "info", "warn", "error" -> level;
            case "warning" -> "warn";
            case "fatal", "panic" -> "error";
            case "disabled", "off" -> "off";
            default -> throw new ConfigException("log.level", "'" + level + "' must be one of trace, debug, info, warn, "
                    + "error, fatal, panic, disabled");
        };
        String format = text("log.format", "text").toLowerCase(Locale.ROOT);
        ChronoscaleConfig.LogFormat logFormat = switch (format) {
            case "text", "" -> ChronoscaleConfig.LogFormat.TEXT;
            case "json" -> ChronoscaleConfig.LogFormat.JSON;
            default -> throw new ConfigException("log.format", "'" + format + "' must be json or text");
        };
        return new ChronoscaleConfig.Log(mapped, logFormat);
    }

    private ChronoscaleConfig.Cli cli() {
        String address = text("cli.address", "");
        Optional<URI> uri = Optional.empty();
        if (!address.isEmpty()) {
            // Headscale's cli.address is a gRPC host:port; ours is the server's URL, and a bare host:port means https.
            String url = address.startsWith("http://") || address.startsWith("https://") ? address : "https://" + address;
            try {
                URI parsed = URI.create(url.endsWith("/") ? url : url + "/");
                if (parsed.getHost() == null) {
                    throw new IllegalArgumentException("no host");
                }
                uri = Optional.of(parsed);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("cli.address", "'" + address + "' is not a server URL such as https://cs.example.com");
            }
        }
        String apiKey = text("cli.api_key", "");
        Duration timeout = duration("cli.timeout", "5s");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException("cli.timeout", "must be longer than 0");
        }
        return new ChronoscaleConfig.Cli(uri, apiKey.isEmpty() ? Optional.empty() : Optional.of(apiKey), timeout,
                bool("cli.insecure", false));
    }

    private ChronoscaleConfig.Database database(Path dataDir) {
        String type = text("database.type", "h2").toLowerCase(Locale.ROOT);
        switch (type) {
            case "h2" -> {
                Path file = path("database.h2.path", dataDir.resolve("chronoscale").toString());
                return new ChronoscaleConfig.Database("h2", h2Url(file), "sa", "");
            }
            case "sqlite", "sqlite3" -> {
                String headscaleFile = text("database.sqlite.path", "");
                warnings.accept("database.type '" + type + "': Chronoscale does not use SQLite; using its embedded H2 "
                        + "database under " + dataDir + " instead; to carry a Headscale database over, run chronoscale "
                        + "import headscale --from sqlite:" + (headscaleFile.isEmpty() ? "PATH" : headscaleFile));
                return new ChronoscaleConfig.Database("h2", h2Url(dataDir.resolve("chronoscale")), "sa", "");
            }
            case "postgres", "postgresql" -> {
                String url = text("database.postgres.url", "");
                if (url.isEmpty()) {
                    String host = text("database.postgres.host", "localhost");
                    int port = integer("database.postgres.port", 5432);
                    String name = text("database.postgres.name", "");
                    if (name.isEmpty()) {
                        throw new ConfigException("database.postgres.name", "is required when database.type is postgres");
                    }
                    String ssl = text("database.postgres.ssl", "false");
                    String sslMode = switch (ssl) {
                        case "false" -> "disable";
                        case "true" -> "require";
                        default -> ssl;
                    };
                    url = "jdbc:postgresql://" + host + ":" + port + "/" + name + "?sslmode=" + sslMode;
                } else if (!url.startsWith("jdbc:postgresql:")) {
                    throw new ConfigException("database.postgres.url", "must be a jdbc:postgresql: URL");
                }
                return new ChronoscaleConfig.Database("postgres", url, text("database.postgres.user", ""),
                        text("database.postgres.pass", ""));
            }
            default -> throw new ConfigException("database.type", "'" + type + "' must be h2 or postgres");
        }
    }

    /** H2 keeps the plans of 8 statements per connection by default; the inventory projection alone runs about 20. */
    private static String h2Url(Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;AUTO_RECONNECT=TRUE;QUERY_CACHE_SIZE=64";
    }

    private ChronoscaleConfig.Derp derp(Path dataDir, InetSocketAddress listenAddr) {
        List<Path> paths = new ArrayList<>();
        for (String p : list("derp.paths")) {
            paths.add(baseDir.resolve(p).normalize());
        }
        return new ChronoscaleConfig.Derp(bool("derp.server.enabled", true), integer("derp.server.region_id", 999),
                text("derp.server.region_code", "chronoscale"), text("derp.server.region_name", "Chronoscale Embedded DERP"),
                text("derp.server.stun_listen_addr",
                        // STUN listens where the public port does: loopback for a local trial, everywhere in production.
                        (listenAddr.getAddress().getHostAddress().contains(":") ? "[" + listenAddr.getAddress().getHostAddress() + "]"
                                : listenAddr.getAddress().getHostAddress()) + ":3478"), bool("derp.server.verify_clients", true),
                path("derp.server.private_key_path", dataDir.resolve("derp_server_private.key").toString()),
                list("derp.urls"), paths);
    }

    private ChronoscaleConfig.Audit audit(Path dataDir) {
        int batch = integer("audit.batch_size", 100);
        if (batch < 1 || batch > 10_000) {
            throw new ConfigException("audit.batch_size", "must be between 1 and 10000");
        }
        return new ChronoscaleConfig.Audit(path("audit.key_path", dataDir.resolve("audit_ed25519.key").toString()),
                duration("audit.poll_interval", "1s"), duration("audit.gap_patience", "5s"), batch,
                duration("audit.retry.initial_backoff", "1s"), duration("audit.retry.max_backoff", "5m"), sinks());
    }

    private ChronoscaleConfig.History history() {
        int every = integer("history.snapshot_every_events", 10_000);
        if (every != 0 && every < 100) {
            throw new ConfigException("history.snapshot_every_events",
                    "must be 0 (no snapshots) or at least 100, not " + every);
        }
        Duration interval = duration("history.snapshot_interval", "1h");
        if (interval.compareTo(Duration.ofMinutes(1)) < 0) {
            throw new ConfigException("history.snapshot_interval", "must be at least 1m");
        }
        return new ChronoscaleConfig.History(every, interval);
    }

    private ChronoscaleConfig.Compliance compliance(Path dataDir) {
        ReportThresholds thresholds;
        try {
            thresholds = new ReportThresholds(integer("compliance.thresholds.key_max_age_days", 90),
                    integer("compliance.thresholds.dormant_days", 30), integer("compliance.thresholds.devices_period_days", 90));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("compliance.thresholds", e.getMessage());
        }
        return new ChronoscaleConfig.Compliance(thresholds, path("compliance.reports_dir", dataDir.resolve("reports").toString()),
                schedules());
    }

    /** {@code compliance.schedules}: a list of mappings, each with a unique name, a report, a cron schedule. */
    private List<ChronoscaleConfig.ReportSchedule> schedules() {
        JsonNode node = values.get("compliance.schedules");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException("compliance.schedules", "must be a list of schedules");
        }
        List<ChronoscaleConfig.ReportSchedule> schedules = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String key = "compliance.schedules[" + i + "]";
            if (!entry.isObject()) {
                throw new ConfigException(key, "must be a mapping with name, report and schedule");
            }
            String name = entry.path("name").asText("").trim();
            if (!name.matches("[A-Za-z0-9_.-]{1,100}") || !names.add(name)) {
                throw new ConfigException(key + ".name", "is required, unique, letters, digits, '.', '_' or '-'");
            }
            String reportName = entry.path("report").asText("");
            ReportKind kind = ReportKind.byId(reportName).orElseThrow(() -> new ConfigException(key + ".report",
                    "'" + reportName + "' is not a report: " + java.util.Arrays.stream(ReportKind.values())
                            .map(ReportKind::id).collect(java.util.stream.Collectors.joining(", "))));
            String cron = entry.path("schedule").asText("").trim();
            try {
                if (cron.split("\\s+").length != 5) {
                    throw new IllegalArgumentException("five fields: minute hour day-of-month month day-of-week, in UTC");
                }
                org.springframework.scheduling.support.CronExpression.parse("0 " + cron);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ".schedule", "'" + cron + "' is not a cron schedule (" + e.getMessage() + ")");
            }
            Duration period;
            try {
                period = DurationText.parse(entry.path("period").asText(kind == ReportKind.DEVICES ? "90d" : "7d"));
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key + ".period", e.getMessage());
            }
            if (period.isZero() || period.isNegative()) {
                throw new ConfigException(key + ".period", "must be longer than 0");
            }
            List<ReportFormat> formats = new ArrayList<>();
            JsonNode formatList = entry.path("formats");
            if (formatList.isMissingNode() || formatList.isNull()) {
                formats.add(ReportFormat.JSON);
            } else if (!formatList.isArray() || formatList.isEmpty()) {
                throw new ConfigException(key + ".formats", "must be a list of json, csv, html, pdf");
            } else {
                for (JsonNode format : formatList) {
                    formats.add(ReportFormat.byId(format.asText()).orElseThrow(() -> new ConfigException(key + ".formats",
                            "'" + format.asText() + "' is not one of json, csv, html, pdf")));
                }
            }
            Optional<URI> webhook = Optional.empty();
            String url = entry.path("webhook_url").asText("").trim();
            if (!url.isEmpty()) {
                try {
                    URI uri = URI.create(url);
                    if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
                        throw new IllegalArgumentException("not an http(s) URL");
                    }
                    webhook = Optional.of(uri);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(key + ".webhook_url", "'" + url + "': " + e.getMessage());
                }
            }
            schedules.add(new ChronoscaleConfig.ReportSchedule(name, kind, cron, period, List.copyOf(formats), webhook));
        }
        return List.copyOf(schedules);
    }

    /** {@code audit.sinks}: a list of mappings, each with a unique name and a type (see docs/audit.md). */
    private List<SinkConfig> sinks() {
        JsonNode node = values.get("audit.sinks");
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new ConfigException("audit.sinks", "must be a list of sinks");
        }
        List<SinkConfig> sinks = new ArrayList<>();
        Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode entry = node.get(i);
            String key = "audit.sinks[" + i + "]";
            if (!entry.isObject()) {
                throw new ConfigException(key, "must be a mapping with name and type");
            }
            String name = entry.path("name").asText("").trim();
            String type = entry.path("type").asText("").trim().toLowerCase(Locale.ROOT);
            if (name.isEmpty() || !name.matches("[A-Za-z0-9_.-]{1,100}")) {
                throw new ConfigException(key + ".name", "is required: letters, digits, '.', '_' or '-'");
            }
            if (!names.add(name)) {
                throw new ConfigException(key + ".name", "'" + name + "' is used by another sink");
            }
            Map<String, String> settings = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = entry.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (field.getKey().equals("name") || field.getKey().equals("type")) {
                    continue;
                }
                if (!field.getValue().isValueNode()) {
                    throw new ConfigException(key + "." + field.getKey(), "must be a single value");
                }
                Set<String> known = SinkFactory.KEYS.getOrDefault(type, Set.of());
                if (!known.contains(field.getKey())) {
                    warnings.accept("unknown config key '" + key + "." + field.getKey() + "' (sink " + name + ") is ignored");
                }
                String value = field.getValue().asText().trim();
                if (value.startsWith("env:")) {
                    // secrets (tokens, HMAC secrets, API keys) can stay out of the file
                    String variable = value.substring("env:".length());
                    value = Optional.ofNullable(env.get(variable)).orElseThrow(() -> new ConfigException(
                            key + "." + field.getKey(), "environment variable " + variable + " is not set"));
                }
                if ((field.getKey().equals("path") || field.getKey().equals("tls_ca")) && !value.isEmpty()) {
                    value = baseDir.resolve(value).normalize().toString();
                }
                settings.put(field.getKey(), value);
            }
            SinkConfig sink = new SinkConfig(name, type, settings);
            try {
                SinkFactory.check(sink);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, e.getMessage());
            }
            sinks.add(sink);
        }
        return List.copyOf(sinks);
    }

    private String text(String key, String fallback) {
        return typed.text(key, fallback);
    }

    private boolean bool(String key, boolean fallback) {
        return typed.bool(key, fallback);
    }

    private int integer(String key, int fallback) {
        return typed.integer(key, fallback);
    }

    /** Headscale's key; its default there is 800ms, ours is shorter since a quiet stream's first change is not held. */
    private Duration batchChangeDelay() {
        Duration delay = duration("tuning.batch_change_delay", "250ms");
        if (delay.compareTo(Duration.ofSeconds(10)) > 0) {
            throw new ConfigException("tuning.batch_change_delay", "must be at most 10s (clients need peer changes promptly)");
        }
        return delay;
    }

    private Duration duration(String key, String fallback) {
        return typed.duration(key, fallback);
    }

    private Path path(String key, String fallback) {
        return typed.path(key, fallback);
    }

    private List<String> list(String key) {
        return typed.list(key);
    }

    private Optional<IpPrefix> prefix(String key, String fallback, boolean v4) {
        String value = text(key, fallback);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        try {
            IpPrefix prefix = IpPrefix.parseLenient(value);
            if (prefix.address().v6() == v4) {
                throw new ConfigException(key, "'" + value + "' is not an " + (v4 ? "IPv4" : "IPv6") + " prefix");
            }
            return Optional.of(prefix);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    private static InetSocketAddress address(String key, String text) {
        return ConfigValues.address(key, text);
    }
}
