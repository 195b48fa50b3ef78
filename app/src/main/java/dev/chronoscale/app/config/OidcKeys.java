package dev.chronoscale.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chronoscale.admin.login.oidc.OidcSettings;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Headscale's {@code oidc.*} keys: OIDC login is on when {@code oidc.issuer} is set. */
final class OidcKeys {

    /** How long one call to the provider may take: a provider that hangs refuses the login rather than holding it. */
    static final Duration PROVIDER_TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern ENV = Pattern.compile("\\$(\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))");

    private OidcKeys() {
    }

    static Optional<OidcSettings> read(ConfigValues values) {
        String issuerText = values.text("oidc.issuer", "");
        if (issuerText.isEmpty()) {
            return Optional.empty();
        }
        URI issuer;
        try {
            issuer = URI.create(issuerText);
            if (!("https".equals(issuer.getScheme()) || "http".equals(issuer.getScheme())) || issuer.getHost() == null) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            throw new ConfigException("oidc.issuer", "'" + issuerText + "' must be a valid http(s) URL");
        }
        String clientId = values.text("oidc.client_id", "");
        if (clientId.isEmpty()) {
            throw new ConfigException("oidc.client_id", "is required when oidc.issuer is set");
        }
        String method = values.text("oidc.pkce.method", "S256");
        OidcSettings.PkceMethod pkceMethod = switch (method) {
            case "S256" -> OidcSettings.PkceMethod.S256;
            case "plain" -> OidcSettings.PkceMethod.PLAIN;
            default -> throw new ConfigException("oidc.pkce.method", "'" + method + "' must be either 'plain' or 'S256'");
        };
        String expiryText = values.text("oidc.expiry", "180d");
        Duration expiry = expiryText.equals("0") ? Duration.ZERO : values.duration("oidc.expiry", "180d");
        if (expiry.isNegative()) {
            throw new ConfigException("oidc.expiry", "must not be negative");
        }
        List<String> scope = values.has("oidc.scope") ? values.list("oidc.scope") : List.of("openid", "profile", "email");
        if (!scope.contains("openid")) {
            throw new ConfigException("oidc.scope", "must include openid: without it the provider sends no ID token");
        }
        return Optional.of(new OidcSettings(issuer, clientId, clientSecret(values), scope, extraParams(values),
                values.list("oidc.allowed_domains"), values.list("oidc.allowed_users"), values.list("oidc.allowed_groups"),
                values.bool("oidc.email_verified_required", true), expiry, values.bool("oidc.use_expiry_from_token", false),
                values.bool("oidc.pkce.enabled", false), pkceMethod,
                values.bool("oidc.only_start_if_oidc_is_available", true), PROVIDER_TIMEOUT));
    }

    /** {@code oidc.client_secret}, or the file {@code oidc.client_secret_path} names (with {@code $VAR} expanded), trimmed. */
    private static String clientSecret(ConfigValues values) {
        String secret = values.text("oidc.client_secret", "");
        String path = values.text("oidc.client_secret_path", "");
        if (!secret.isEmpty() && !path.isEmpty()) {
            throw new ConfigException("oidc.client_secret", "oidc.client_secret and oidc.client_secret_path are mutually exclusive");
        }
        if (!path.isEmpty()) {
            Path file = values.baseDir().resolve(expand(path, values)).normalize();
            try {
                secret = Files.readString(file).trim();
            } catch (IOException e) {
                throw new ConfigException("oidc.client_secret_path", "cannot read " + file + ": " + e.getClass().getSimpleName());
            }
        }
        if (secret.isEmpty()) {
            throw new ConfigException("oidc.client_secret", "oidc.client_secret or oidc.client_secret_path is required "
                    + "when oidc.issuer is set");
        }
        return secret;
    }

    /** Go's os.ExpandEnv, as Headscale applies it to the path: {@code $VAR} and {@code ${VAR}}, unset ones empty. */
    private static String expand(String path, ConfigValues values) {
        Matcher matcher = ENV.matcher(path);
        StringBuilder expanded = new StringBuilder();
        while (matcher.find()) {
            String name = matcher.group(2) != null ? matcher.group(2) : matcher.group(3);
            matcher.appendReplacement(expanded, Matcher.quoteReplacement(Optional.ofNullable(values.env(name)).orElse("")));
        }
        matcher.appendTail(expanded);
        return expanded.toString();
    }

    private static Map<String, String> extraParams(ConfigValues values) {
        JsonNode node = values.node("oidc.extra_params");
        Map<String, String> params = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return params;
        }
        if (!node.isObject()) {
            throw new ConfigException("oidc.extra_params", "must be a mapping of parameter names to values");
        }
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (!field.getValue().isValueNode()) {
                throw new ConfigException("oidc.extra_params." + field.getKey(), "must be a single value");
            }
            params.put(field.getKey(), field.getValue().asText());
        }
        return params;
    }
}
