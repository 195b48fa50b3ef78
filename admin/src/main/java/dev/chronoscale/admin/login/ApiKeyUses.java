package dev.chronoscale.admin.login;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each API key was last used, for {@code lastSeen} in the API. Kept in its own table, not the event log: a
 * request that only reads is no event. A key's use is written at most once per {@link #RESOLUTION}, so a tool
 * polling every second writes once a minute, not once a request; {@code lastSeen} is accurate to that.
 */
public final class ApiKeyUses {

    /** How stale a shown {@code lastSeen} may be. */
    public static final Duration RESOLUTION = Duration.ofMinutes(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    /** The use last written per prefix, by this instance. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    public ApiKeyUses(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The key with this prefix was just used to log in. */
    public void used(String prefix) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant last = written.get(prefix);
        if (last != null && now.isBefore(last.plus(RESOLUTION))) {
            return;
        }
        written.put(prefix, now);
        OffsetDateTime at = OffsetDateTime.ofInstant(now, ZoneOffset.UTC);
        if (jdbc.update("UPDATE api_key_last_seen SET last_seen = ? WHERE prefix = ? AND last_seen < ?", at, prefix, at) == 0) {
            try {
                jdbc.update("INSERT INTO api_key_last_seen (prefix, last_seen) VALUES (?, ?)", prefix, at);
            } catch (DuplicateKeyException alreadyThere) {
                // another request or instance recorded it first, as recent as this one
            }
        }
    }

    public Optional<Instant> lastSeen(String prefix) {
        return jdbc.query("SELECT last_seen FROM api_key_last_seen WHERE prefix = ?",
                (rs, n) -> rs.getObject("last_seen", OffsetDateTime.class).toInstant(), prefix).stream().findFirst();
    }
}
