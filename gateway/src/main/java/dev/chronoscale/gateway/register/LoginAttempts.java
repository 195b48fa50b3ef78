package dev.chronoscale.gateway.register;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The {@code login_attempt} table: a person's browser on its way through the identity provider, stored so that the
 * provider's callback may reach any instance. An attempt is taken once: the callback that takes it deletes it, so a
 * replayed callback finds nothing.
 */
public final class LoginAttempts {

    /** One trip through the provider: the values it must come back with, and what it is for. */
    public record Attempt(String state, String nonce, Optional<String> pkceVerifier, String purpose, String reference,
                          Instant openedAt) {
    }

    /** An attempt not finished within this time is refused, as a login nobody finished is abandoned. */
    public static final Duration VALID_FOR = InteractiveLogins.ABANDONED_AFTER;

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public LoginAttempts(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public void open(Attempt attempt) {
        jdbc.update("DELETE FROM login_attempt WHERE opened_at < ?", at(clock.instant().minus(VALID_FOR)));
        jdbc.update("INSERT INTO login_attempt (state, nonce, pkce_verifier, purpose, reference, opened_at) VALUES (?, ?, ?, ?, ?, ?)",
                attempt.state(), attempt.nonce(), attempt.pkceVerifier().orElse(null), attempt.purpose(), attempt.reference(),
                at(attempt.openedAt()));
    }

    /** The attempt {@code state} names, removed so that no second callback can take it; empty when unknown, taken or too old. */
    public Optional<Attempt> take(String state) {
        Optional<Attempt> found = jdbc.query("SELECT * FROM login_attempt WHERE state = ?", (rs, n) -> new Attempt(
                rs.getString("state"), rs.getString("nonce"), Optional.ofNullable(rs.getString("pkce_verifier")),
                rs.getString("purpose"), rs.getString("reference"), rs.getObject("opened_at", OffsetDateTime.class).toInstant()),
                state).stream().findFirst();
        if (found.isEmpty() || jdbc.update("DELETE FROM login_attempt WHERE state = ?", state) != 1) {
            return Optional.empty();
        }
        return found.filter(attempt -> attempt.openedAt().plus(VALID_FOR).isAfter(clock.instant()));
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
