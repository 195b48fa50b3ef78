package dev.chronoscale.history;

import dev.chronoscale.domain.DomainException;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An instant a history question is asked at: RFC 3339 ({@code 2026-03-03T14:00:00Z}, or with an offset such as
 * {@code 2026-03-03T15:00:00+01:00}) or relative to now ({@code -90s}, {@code -30m}, {@code -2h}, {@code -7d}).
 * The future is refused: the log does not know it yet.
 */
public final class PointInTime {

    private static final Pattern RELATIVE = Pattern.compile("-(\\d{1,9})([smhd])");

    private PointInTime() {
    }

    public static Instant parse(String text, Instant now) {
        String value = text == null ? "" : text.trim();
        Instant instant = relative(value, now);
        if (instant == null) {
            try {
                instant = OffsetDateTime.parse(value).toInstant();
            } catch (DateTimeParseException e) {
                throw DomainException.invalid("'" + text + "' is not an instant: use RFC 3339 (2026-03-03T14:00:00Z,"
                        + " or with an offset such as +01:00) or a time before now such as -2h or -7d");
            }
        }
        if (instant.isAfter(now)) {
            throw DomainException.invalid("'" + text + "' is in the future (now is " + now
                    + "): history answers only for instants that have passed");
        }
        return instant;
    }

    private static Instant relative(String value, Instant now) {
        Matcher m = RELATIVE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long amount = Long.parseLong(m.group(1));
        Duration ago = switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
        return now.minus(ago);
    }
}
