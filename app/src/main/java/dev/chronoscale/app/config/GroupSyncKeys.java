package dev.chronoscale.app.config;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code oidc.groups.*} keys: where users' identity provider groups are read from ({@code source: keycloak}, with
 * the realm's service account under {@code oidc.groups.keycloak.*}) and how often. Environment variables in
 * {@code client_secret_path} are expanded ({@code ${CREDENTIALS_DIRECTORY}/keycloak_secret}), as Headscale does.
 */
final class GroupSyncKeys {

    static final String SOURCE = "oidc.groups.source";
    static final String INTERVAL = "oidc.groups.sync_interval";
    static final String SERVER_URL = "oidc.groups.keycloak.server_url";
    static final String REALM = "oidc.groups.keycloak.realm";
    static final String CLIENT_ID = "oidc.groups.keycloak.client_id";
    static final String CLIENT_SECRET = "oidc.groups.keycloak.client_secret";
    static final String CLIENT_SECRET_PATH = "oidc.groups.keycloak.client_secret_path";
    static final String TIMEOUT = "oidc.groups.keycloak.timeout";

    /** Below this, a sync would mostly be reading a realm that has not changed. */
    private static final Duration SHORTEST_INTERVAL = Duration.ofSeconds(10);
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private GroupSyncKeys() {
    }

    static ChronoscaleConfig.GroupSync read(ConfigValues values) {
        String source = values.text(SOURCE, "").toLowerCase(Locale.ROOT);
        Duration interval = values.duration(INTERVAL, "5m");
        if (!interval.isZero() && interval.compareTo(SHORTEST_INTERVAL) < 0) {
            throw new ConfigException(INTERVAL, "must be at least 10s, or 0 to sync only at start and on demand");
        }
        return switch (source) {
            case "" -> new ChronoscaleConfig.GroupSync(Optional.empty(), interval);
            case "keycloak" -> new ChronoscaleConfig.GroupSync(Optional.of(keycloak(values)), interval);
            default -> throw new ConfigException(SOURCE, "'" + source + "' is not a group source: the one supported is"
                    + " keycloak (a login's groups claim is read without one)");
        };
    }

    private static ChronoscaleConfig.KeycloakGroups keycloak(ConfigValues values) {
        String serverUrl = required(values, SERVER_URL);
        URI url;
        try {
            url = URI.create(serverUrl);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SERVER_URL, "'" + serverUrl + "' is not a URL");
        }
        if (!("https".equals(url.getScheme()) || "http".equals(url.getScheme())) || url.getHost() == null) {
            throw new ConfigException(SERVER_URL, "'" + serverUrl + "' must be the http(s) URL of the Keycloak server,"
                    + " such as https://keycloak.example.com (without /realms/...)");
        }
        if (url.getPath() != null && url.getPath().contains("/realms/")) {
            throw new ConfigException(SERVER_URL, "is the server's URL without /realms/...: the realm goes in " + REALM);
        }
        String realm = required(values, REALM);
        String clientId = required(values, CLIENT_ID);
        Duration timeout = values.duration(TIMEOUT, "10s");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new ConfigException(TIMEOUT, "must be longer than 0");
        }
        String inline = values.text(CLIENT_SECRET, "");
        String pathText = values.text(CLIENT_SECRET_PATH, "");
        if (!inline.isEmpty() && !pathText.isEmpty()) {
            throw new ConfigException(CLIENT_SECRET, "set either " + CLIENT_SECRET + " or " + CLIENT_SECRET_PATH + ", not both");
        }
        if (inline.isEmpty() && pathText.isEmpty()) {
            throw new ConfigException(CLIENT_SECRET, "is required with " + SOURCE + " keycloak (or " + CLIENT_SECRET_PATH
                    + "): the secret of the service-account client");
        }
        Optional<Path> file = pathText.isEmpty() ? Optional.empty()
                : Optional.of(values.baseDir().resolve(expand(values, pathText)).normalize());
        return new ChronoscaleConfig.KeycloakGroups(url, realm, clientId,
                inline.isEmpty() ? Optional.empty() : Optional.of(inline), file, timeout);
    }

    /** As Headscale's {@code oidc.client_secret_path}: the file's content, without surrounding white space. */
    static String readSecret(Path path) {
        try {
            String secret = Files.readString(path).trim();
            if (secret.isEmpty()) {
                throw new ConfigException(CLIENT_SECRET_PATH, "the file " + path + " is empty");
            }
            return secret;
        } catch (IOException e) {
            throw new ConfigException(CLIENT_SECRET_PATH, "cannot read " + path + ": " + e.getClass().getSimpleName());
        }
    }

    private static String expand(ConfigValues values, String text) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.env(name);
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? "" : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String required(ConfigValues values, String key) {
        String value = values.text(key, "");
        if (value.isEmpty()) {
            throw new ConfigException(key, "is required with " + SOURCE + " keycloak");
        }
        return value;
    }
}
