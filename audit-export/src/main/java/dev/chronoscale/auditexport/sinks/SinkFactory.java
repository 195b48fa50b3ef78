package dev.chronoscale.auditexport.sinks;

import dev.chronoscale.auditexport.delivery.AuditSink;
import dev.chronoscale.auditexport.delivery.InvalidSinkConfigException;
import dev.chronoscale.auditexport.delivery.SinkConfig;
import dev.chronoscale.auditexport.format.RecordFormat;
import dev.chronoscale.auditexport.sinks.file.JsonLinesFileSink;
import dev.chronoscale.auditexport.sinks.http.ElasticBulkSink;
import dev.chronoscale.auditexport.sinks.http.SplunkHecSink;
import dev.chronoscale.auditexport.sinks.http.WebhookSink;
import dev.chronoscale.auditexport.sinks.syslog.StreamSyslogTransport;
import dev.chronoscale.auditexport.sinks.syslog.SyslogMessage;
import dev.chronoscale.auditexport.sinks.syslog.SyslogSink;
import dev.chronoscale.auditexport.sinks.syslog.SyslogTransport;
import dev.chronoscale.auditexport.sinks.syslog.UdpSyslogTransport;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/** Builds a sink from its config entry; every setting a type understands is listed in {@link #KEYS}. */
public final class SinkFactory {

    /** The settings each sink type reads (besides name and type); others are reported as unknown. */
    public static final Map<String, Set<String>> KEYS = Map.of(
            "file", Set.of("path", "format", "max_size_mb", "max_files"),
            "syslog", Set.of("address", "transport", "format", "facility", "hostname", "app_name", "tls_ca", "tls_server_name"),
            "splunk_hec", Set.of("url", "token", "host", "sourcetype", "index"),
            "elasticsearch", Set.of("url", "index", "api_key", "username", "password"),
            "webhook", Set.of("url", "secret", "format"));

    private final Path baseDir;
    private final String productVersion;
    private final Clock clock;

    /** {@code baseDir} resolves relative paths (the config file's folder). */
    public SinkFactory(Path baseDir, String productVersion, Clock clock) {
        this.baseDir = baseDir;
        this.productVersion = productVersion;
        this.clock = clock;
    }

    /** Fails with {@link InvalidSinkConfigException} if the entry could not work. */
    public static void check(SinkConfig config) {
        Set<String> keys = KEYS.get(config.type());
        if (keys == null) {
            throw new InvalidSinkConfigException(config, "type must be one of " + KEYS.keySet());
        }
        switch (config.type()) {
            case "file" -> config.required("path");
            case "syslog" -> {
                config.required("address");
                String transport = config.setting("transport").orElse("tcp");
                if (!Set.of("udp", "tcp", "tls").contains(transport)) {
                    throw new InvalidSinkConfigException(config, "transport must be udp, tcp or tls");
                }
                String format = config.setting("format").orElse("rfc5424");
                if (!Set.of("rfc5424", "json", "cef").contains(format)) {
                    throw new InvalidSinkConfigException(config, "format must be rfc5424 (JSON body) or cef");
                }
                try {
                    SyslogMessage.facility(config.setting("facility").orElse("local0"));
                } catch (IllegalArgumentException e) {
                    throw new InvalidSinkConfigException(config, "facility: " + e.getMessage());
                }
            }
            case "splunk_hec" -> {
                config.required("url");
                config.required("token");
            }
            case "elasticsearch" -> config.required("url");
            case "webhook" -> {
                config.required("url");
                config.required("secret");
            }
            default -> {
            }
        }
        config.setting("format").filter(f -> !config.type().equals("syslog")).ifPresent(f -> {
            try {
                RecordFormat.parse(f);
            } catch (IllegalArgumentException e) {
                throw new InvalidSinkConfigException(config, e.getMessage());
            }
        });
    }

    public AuditSink create(SinkConfig config) {
        check(config);
        return switch (config.type()) {
            case "file" -> new JsonLinesFileSink(baseDir.resolve(config.required("path")).normalize(),
                    RecordFormat.parse(config.setting("format").orElse("native")),
                    Long.parseLong(config.setting("max_size_mb").orElse("100")) * 1024 * 1024,
                    Integer.parseInt(config.setting("max_files").orElse("10")));
            case "syslog" -> new SyslogSink(transport(config),
                    config.setting("format").orElse("rfc5424").equals("cef") ? SyslogSink.Body.CEF : SyslogSink.Body.JSON,
                    SyslogMessage.facility(config.setting("facility").orElse("local0")),
                    config.setting("hostname").orElse(localHostname()), config.setting("app_name").orElse("chronoscale"),
                    productVersion);
            case "splunk_hec" -> new SplunkHecSink(URI.create(config.required("url")), config.required("token"),
                    config.setting("host").orElse(localHostname()),
                    config.setting("sourcetype").orElse("chronoscale:audit"), config.setting("index"));
            case "elasticsearch" -> new ElasticBulkSink(URI.create(config.required("url")),
                    config.setting("index").orElse("chronoscale-audit"), elasticAuthorization(config));
            case "webhook" -> new WebhookSink(URI.create(config.required("url")), config.required("secret"),
                    RecordFormat.parse(config.setting("format").orElse("native")), clock);
            default -> throw new InvalidSinkConfigException(config, "unknown type");
        };
    }

    private SyslogTransport transport(SinkConfig config) {
        InetSocketAddress address = address(config);
        return switch (config.setting("transport").orElse("tcp").toLowerCase(Locale.ROOT)) {
            case "udp" -> new UdpSyslogTransport(address);
            case "tls" -> new StreamSyslogTransport(address, tlsSockets(config),
                    config.setting("tls_server_name").orElse(address.getHostString()));
            default -> new StreamSyslogTransport(address, SocketFactory.getDefault(), address.getHostString());
        };
    }

    private static InetSocketAddress address(SinkConfig config) {
        String text = config.required("address");
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw new InvalidSinkConfigException(config, "address '" + text + "' must be host:port");
        }
        try {
            // unresolved here; the transports resolve the name on every (re)connect
            return InetSocketAddress.createUnresolved(text.substring(0, colon).replace("[", "").replace("]", ""),
                    Integer.parseInt(text.substring(colon + 1)));
        } catch (IllegalArgumentException e) {
            throw new InvalidSinkConfigException(config, "address '" + text + "' has no valid port");
        }
    }

    private SSLSocketFactory tlsSockets(SinkConfig config) {
        Optional<String> ca = config.setting("tls_ca");
        if (ca.isEmpty()) {
            return (SSLSocketFactory) SSLSocketFactory.getDefault();
        }
        Path file = baseDir.resolve(ca.get()).normalize();
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            int i = 0;
            for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                trust.setCertificateEntry("ca-" + i++, certificate);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new InvalidSinkConfigException(config, "tls_ca " + file + ": " + e.getMessage());
        }
    }

    private static Optional<String> elasticAuthorization(SinkConfig config) {
        if (config.setting("api_key").isPresent()) {
            return Optional.of("ApiKey " + config.setting("api_key").get());
        }
        if (config.setting("username").isPresent()) {
            String pair = config.setting("username").get() + ":" + config.setting("password").orElse("");
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    private static String localHostname() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "chronoscale";
        }
    }
}
