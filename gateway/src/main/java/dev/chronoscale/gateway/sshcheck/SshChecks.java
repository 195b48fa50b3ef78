package dev.chronoscale.gateway.sshcheck;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The SSH checks in the database ({@code ssh_check}): opened by the destination node's request, decided once by an
 * administrator or the person, read by whichever instance the held client asks.
 */
public final class SshChecks {

    /** Headscale's auth id format, so that {@code auth approve|reject --auth-id} decides an SSH check as in Headscale. */
    public static final Pattern ID = Pattern.compile("hskey-authreq-[A-Za-z0-9_-]{24}");
    private static final String ID_PREFIX = "hskey-authreq-";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final String COLUMNS = "id, source_node_id, source_user_id, destination_node_id, ssh_user, local_user,"
            + " check_period_seconds, opened_at, decision, decided_at, decided_by";

    private final JdbcTemplate jdbc;
    private final SecureRandom random = new SecureRandom();

    public SshChecks(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public static boolean isCheckId(String text) {
        return text != null && ID.matcher(text).matches();
    }

    public SshCheck open(long sourceNodeId, Optional<Long> sourceUserId, long destinationNodeId, String sshUser,
                         String localUser, Duration checkPeriod, Instant at) {
        SshCheck check = new SshCheck(newId(), sourceNodeId, sourceUserId, destinationNodeId, sshUser, localUser,
                checkPeriod, at.truncatedTo(ChronoUnit.MILLIS), Optional.empty());
        jdbc.update("INSERT INTO ssh_check (id, source_node_id, source_user_id, destination_node_id, ssh_user, local_user,"
                        + " check_period_seconds, opened_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                check.id(), sourceNodeId, sourceUserId.orElse(null), destinationNodeId, sshUser, localUser,
                checkPeriod.toSeconds(), timestamp(check.openedAt()));
        return check;
    }

    public Optional<SshCheck> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM ssh_check WHERE id = ?", ROW, id).stream().findFirst();
    }

    /** The checks still waiting for a decision, oldest first. */
    public List<SshCheck> pending() {
        return jdbc.query("SELECT " + COLUMNS + " FROM ssh_check WHERE decision IS NULL ORDER BY opened_at, id", ROW);
    }

    /** Records the decision unless one was recorded first (by another request or instance); says whether it was this one. */
    public boolean decide(String id, boolean approved, Instant at, String by) {
        return jdbc.update("UPDATE ssh_check SET decision = ?, decided_at = ?, decided_by = ? WHERE id = ? AND decision IS NULL",
                approved ? "approved" : "rejected", timestamp(at.truncatedTo(ChronoUnit.MILLIS)), by, id) == 1;
    }

    /** Gives a decision back (its event could not be recorded): the check is pending again. */
    void undecide(String id) {
        jdbc.update("UPDATE ssh_check SET decision = NULL, decided_at = NULL, decided_by = NULL WHERE id = ?", id);
    }

    /**
     * When the source's person (its owner; a tagged node stands for itself) was last approved to reach the
     * destination as this local user.
     */
    public Optional<Instant> lastApproval(long sourceNodeId, Optional<Long> sourceUserId, long destinationNodeId,
                                          String localUser) {
        String source = sourceUserId.isPresent() ? "source_user_id = ?" : "source_user_id IS NULL AND source_node_id = ?";
        List<OffsetDateTime> at = jdbc.query("SELECT MAX(decided_at) AS at FROM ssh_check WHERE destination_node_id = ?"
                        + " AND local_user = ? AND decision = 'approved' AND " + source,
                (rs, n) -> rs.getObject("at", OffsetDateTime.class), destinationNodeId, localUser,
                sourceUserId.orElse(sourceNodeId));
        return at.stream().filter(java.util.Objects::nonNull).findFirst().map(OffsetDateTime::toInstant);
    }

    private String newId() {
        StringBuilder id = new StringBuilder(ID_PREFIX);
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return id.toString();
    }

    private static OffsetDateTime timestamp(Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    private static final RowMapper<SshCheck> ROW = (rs, n) -> {
        long userId = rs.getLong("source_user_id");
        Optional<Long> sourceUser = rs.wasNull() ? Optional.empty() : Optional.of(userId);
        String decision = rs.getString("decision");
        Optional<SshCheck.Decided> decided = decision == null ? Optional.empty() : Optional.of(new SshCheck.Decided(
                decision.equals("approved"), rs.getObject("decided_at", OffsetDateTime.class).toInstant(),
                rs.getString("decided_by")));
        return new SshCheck(rs.getString("id"), rs.getLong("source_node_id"), sourceUser, rs.getLong("destination_node_id"),
                rs.getString("ssh_user"), rs.getString("local_user"), Duration.ofSeconds(rs.getLong("check_period_seconds")),
                rs.getObject("opened_at", OffsetDateTime.class).toInstant(), decided);
    };
}
