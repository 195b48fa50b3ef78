package dev.chronoscale.app.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which config file a command reads when none is given on its command line: {@code $CHRONOSCALE_CONFIG}, then
 * Headscale's {@code $HEADSCALE_CONFIG}, then {@code chronoscale.yaml} in the working directory, then the file
 * Headscale looks for, {@code config.yaml}, in {@code /etc/headscale/}, {@code ~/.headscale/} and the working
 * directory. A variable names a file that must exist; the folders are only looked in.
 */
public final class ConfigFileSearch {

    private final Map<String, String> env;
    private final Path workingDir;
    private final Path home;
    private final Path etc;

    public ConfigFileSearch(Map<String, String> env, Path workingDir, Path home, Path etc) {
        this.env = env;
        this.workingDir = workingDir;
        this.home = home;
        this.etc = etc;
    }

    /** The search as a process makes it: its environment, working directory, home and {@code /etc}. */
    public static ConfigFileSearch ofThisProcess() {
        return new ConfigFileSearch(System.getenv(), Path.of(""), Path.of(System.getProperty("user.home")), Path.of("/etc"));
    }

    public Optional<Path> find() {
        for (String variable : List.of("CHRONOSCALE_CONFIG", "HEADSCALE_CONFIG")) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                return Optional.of(Path.of(value));
            }
        }
        return candidates().stream().filter(Files::isRegularFile).findFirst();
    }

    /** The files looked for, in order, when no variable names one. */
    public List<Path> candidates() {
        List<Path> files = new ArrayList<>();
        files.add(workingDir.resolve("chronoscale.yaml"));
        files.add(etc.resolve("headscale").resolve("config.yaml"));
        files.add(home.resolve(".headscale").resolve("config.yaml"));
        files.add(workingDir.resolve("config.yaml"));
        return files;
    }
}
