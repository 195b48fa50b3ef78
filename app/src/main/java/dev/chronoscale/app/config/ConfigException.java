package dev.chronoscale.app.config;

/** A configuration value that cannot be used; the message names the key. */
public class ConfigException extends RuntimeException {
    public ConfigException(String key, String problem) {
        super("config key '" + key + "': " + problem);
    }

    public ConfigException(String message) {
        super(message);
    }
}
