package dev.chronoscale.app.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The flattened keys of one configuration (file and environment), read as typed values: a value that does not fit
 * throws {@link ConfigException} naming its key. Relative paths resolve against {@code baseDir}.
 */
final class ConfigValues {

    private final Map<String, JsonNode> values;
    private final Path baseDir;
    private final Map<String, String> env;
    private final Consumer<String> warnings;

    ConfigValues(Map<String, JsonNode> values, Path baseDir, Map<String, String> env, Consumer<String> warnings) {
        this.values = values;
        this.baseDir = baseDir;
        this.env = env;
        this.warnings = warnings;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    JsonNode node(String key) {
        return values.get(key);
    }

    Path baseDir() {
        return baseDir;
    }

    String env(String name) {
        return env.get(name);
    }

    void warn(String warning) {
        warnings.accept(warning);
    }

    String text(String key, String fallback) {
        JsonNode node = values.get(key);
        if (node == null || node.isNull()) {
            return fallback;
        }
        if (!node.isValueNode()) {
            throw new ConfigException(key, "must be a single value, not a list or mapping");
        }
        return node.asText().trim();
    }

    boolean bool(String key, boolean fallback) {
        String value = text(key, Boolean.toString(fallback)).toLowerCase(Locale.ROOT);
        return switch (value) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new ConfigException(key, "'" + value + "' must be true or false");
        };
    }

    int integer(String key, int fallback) {
        String value = text(key, Integer.toString(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new ConfigException(key, "'" + value + "' must be a whole number");
        }
    }

    Duration duration(String key, String fallback) {
        try {
            return DurationText.parse(text(key, fallback));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }

    Path path(String key, String fallback) {
        String value = text(key, fallback);
        if (value.isEmpty()) {
            throw new ConfigException(key, "must not be empty");
        }
        return baseDir.resolve(value).normalize();
    }

    List<String> list(String key) {
        JsonNode node = values.get(key);
        if (node == null || node.isNull()) {
            return List.of();
        }
        List<String> result = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(v -> result.add(v.asText()));
        } else if (!node.asText().isBlank()) {
            result.addAll(List.of(node.asText().trim().split("[,\\s]+")));
        }
        return result;
    }

    static InetSocketAddress address(String key, String text) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(key, e.getMessage());
        }
    }
}
