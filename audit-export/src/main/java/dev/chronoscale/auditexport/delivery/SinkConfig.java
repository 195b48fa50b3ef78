package dev.chronoscale.auditexport.delivery;

import java.util.Map;
import java.util.Optional;

/**
 * One entry of {@code audit.sinks} in the config file: its unique name, its type and its other keys as
 * text. {@link #toString()} leaves the settings out because some of them are secrets (tokens, keys).
 */
public record SinkConfig(String name, String type, Map<String, String> settings) {

    public SinkConfig {
        settings = Map.copyOf(settings);
    }

    public Optional<String> setting(String key) {
        return Optional.ofNullable(settings.get(key)).filter(v -> !v.isBlank());
    }

    public String required(String key) {
        return setting(key).orElseThrow(() -> new InvalidSinkConfigException(this, "'" + key + "' is required"));
    }

    @Override
    public String toString() {
        return "sink " + name + " (" + type + ")";
    }
}
