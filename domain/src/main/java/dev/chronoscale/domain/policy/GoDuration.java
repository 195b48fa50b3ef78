package dev.chronoscale.domain.policy;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations written the Go way ({@code 12h}, {@code 1h30m}, {@code 90s}), as Tailscale policies write them. */
final class GoDuration {

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(h|m|s|ms)");

    private GoDuration() {
    }

    static Duration parse(String text) {
        boolean negative = text.startsWith("-");
        String body = negative ? text.substring(1) : text;
        Matcher matcher = PART.matcher(body);
        int position = 0;
        double nanos = 0;
        while (matcher.find() && matcher.start() == position) {
            double value = Double.parseDouble(matcher.group(1));
            nanos += value * switch (matcher.group(2)) {
                case "h" -> 3_600e9;
                case "m" -> 60e9;
                case "s" -> 1e9;
                default -> 1e6;
            };
            position = matcher.end();
        }
        if (position != body.length() || body.isEmpty()) {
            throw new IllegalArgumentException("invalid duration \"" + text + "\"");
        }
        Duration duration = Duration.ofNanos((long) nanos);
        return negative ? duration.negated() : duration;
    }
}
