package dev.chronoscale.admin.console;

import dev.chronoscale.admin.principal.Identity;
import dev.chronoscale.domain.user.UserRole;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The console's sessions, in table {@code console_session}, so that a restart or another instance keeps them. A
 * session is known by a random 256-bit token the browser holds; the table keeps only the token's SHA-256, so what it
 * holds cannot be used to log in. A session past its idle timeout or lifetime is gone: refused and deleted when it
 * is presented, and deleted with the others when a session is opened.
 */
public final class ConsoleSessions {

    /** How stale a stored last use may be: a console polling every second writes once a minute, not once a request. */
    private static final Duration MAX_RESOLUTION = Duration.ofMinutes(1);
    /** The column's size; a longer display name is shown cut. */
    private static final int MAX_USER_NAME = 255;
    private static final String COLUMNS = "method, identity_id, user_name, roles, csrf_token, created_at, last_used_at";

    private final JdbcTemplate jdbc;
    private final ConsoleSettings settings;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ConsoleSessions(JdbcTemplate jdbc, ConsoleSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.settings = settings;
        this.clock = clock;
    }

    /** A session just opened, and the token for the browser's cookie (nowhere else: it is not stored). */
    public record Opened(String token, ConsoleSession session) {
        @Override
        public String toString() {
            return "Opened[session=" + session + "]";
        }
    }

    public ConsoleSettings settings() {
        return settings;
    }

    public Opened open(LoginMethod method, Identity identity, String user, Set<UserRole> roles) {
        Instant now = now();
        deleteExpired(now);
        String shown = user.length() > MAX_USER_NAME ? user.substring(0, MAX_USER_NAME) : user;
        ConsoleSession session = new ConsoleSession(method, identity, shown, roles, randomToken(), now, now);
        String token = randomToken();
        jdbc.update("INSERT INTO console_session (token_hash, " + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                hash(token), method.wireName(), identityId(identity), shown,
                String.join(",", UserRole.wireNames(roles)), session.csrfToken(), at(now), at(now));
        return new Opened(token, session);
    }

    /** The live session of {@code token}, its use noted; empty for an unknown, expired or ended one. */
    public Optional<ConsoleSession> use(String token) {
        String hash = hash(token);
        Optional<ConsoleSession> found = jdbc.query("SELECT " + COLUMNS + " FROM console_session WHERE token_hash = ?",
                SESSION, hash).stream().findFirst();
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instant now = now();
        ConsoleSession session = found.get();
        if (!now.isBefore(session.expiresAt(settings))) {
            jdbc.update("DELETE FROM console_session WHERE token_hash = ?", hash);
            return Optional.empty();
        }
        if (!now.isBefore(session.lastUsedAt().plus(resolution()))) {
            jdbc.update("UPDATE console_session SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?",
                    at(now), hash, at(now));
            session = session.usedAt(now);
        }
        return Optional.of(session);
    }

    /** Ends the session of {@code token}; true when there was one. */
    public boolean end(String token) {
        return jdbc.update("DELETE FROM console_session WHERE token_hash = ?", hash(token)) > 0;
    }

    private void deleteExpired(Instant now) {
        jdbc.update("DELETE FROM console_session WHERE last_used_at <= ? OR created_at <= ?",
                at(now.minus(settings.idleTimeout())), at(now.minus(settings.lifetime())));
    }

    private Duration resolution() {
        Duration tenth = settings.idleTimeout().dividedBy(10);
        return tenth.compareTo(MAX_RESOLUTION) < 0 ? tenth : MAX_RESOLUTION;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static String identityId(Identity identity) {
        return switch (identity) {
            case Identity.ApiKey key -> key.prefix();
            case Identity.OidcUser person -> person.subject();
            default -> throw new IllegalArgumentException("a console session is an API key's or a person's");
        };
    }

    private static final RowMapper<ConsoleSession> SESSION = (rs, n) -> {
        LoginMethod method = LoginMethod.parse(rs.getString("method"));
        String id = rs.getString("identity_id");
        Identity identity = method == LoginMethod.APIKEY ? new Identity.ApiKey(id) : new Identity.OidcUser(id);
        String roles = rs.getString("roles");
        return new ConsoleSession(method, identity, rs.getString("user_name"),
                UserRole.parseAll(roles.isEmpty() ? List.of() : Arrays.asList(roles.split(","))), rs.getString("csrf_token"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_used_at", OffsetDateTime.class).toInstant());
    };

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
