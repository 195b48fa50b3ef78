package dev.chronoscale.app.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** {@code --since}/{@code --until} values: an RFC 3339 time, a date (UTC midnight), or an age such as 90m, 24h, 7d. */
final class AuditTimes {

    private AuditTimes() {
    }

    static Instant parse(String option, String text, Instant now) {
        String value = text.trim();
        try {
            if (value.matches("\\d+[smhd]")) {
                long amount = Long.parseLong(value.substring(0, value.length() - 1));
                Duration age = switch (value.charAt(value.length() - 1)) {
                    case 's' -> Duration.ofSeconds(amount);
                    case 'm' -> Duration.ofMinutes(amount);
                    case 'h' -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
                return now.minus(age);
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                return LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new CliFailure(option + " '" + text + "' is not a time: use 2026-11-01T10:00:00Z, 2026-11-01 or an age such as 24h or 7d");
        }
    }
}
