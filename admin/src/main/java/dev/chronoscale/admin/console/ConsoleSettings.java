package dev.chronoscale.admin.console;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * How long a console session lasts ({@code console.session_idle_timeout} without a request, and
 * {@code console.session_lifetime} at most) and the server's own URL: its origin is the only one a browser's change
 * may come from, and an https URL makes the session cookie {@code Secure}.
 */
public record ConsoleSettings(Duration idleTimeout, Duration lifetime, String serverUrl) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(30);
    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);

    public ConsoleSettings {
        if (idleTimeout.isNegative() || idleTimeout.isZero() || lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("a console session's idle timeout and lifetime must be positive");
        }
    }

    public boolean secureCookie() {
        return serverUrl.startsWith("https://");
    }

    /** {@code scheme://host[:port]} of {@code server_url}, as a browser sends it in {@code Origin}. */
    public String origin() {
        URI url = URI.create(serverUrl);
        String origin = url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getHost().toLowerCase(Locale.ROOT);
        return url.getPort() == -1 ? origin : origin + ":" + url.getPort();
    }
}
