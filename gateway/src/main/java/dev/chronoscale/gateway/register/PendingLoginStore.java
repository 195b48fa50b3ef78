package dev.chronoscale.gateway.register;

import dev.chronoscale.gateway.register.PendingRegistrations.Outcome;
import dev.chronoscale.tailcfg.RegisterRequest;
import dev.chronoscale.tailcfg.TailcfgJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code pending_login} table: one row per interactive login, shared by every instance on the database. A
 * decision is taken by one instance only ({@link #claimDecision}), then its outcome is written for the instance the
 * client's follow-up waits on.
 */
final class PendingLoginStore {

    private static final String DECIDING = "deciding";
    private static final String REGISTERED = "registered";
    private static final String REFUSED = "refused";

    private final JdbcTemplate jdbc;

    PendingLoginStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void open(InteractiveLogins.PendingLogin login) {
        jdbc.update("INSERT INTO pending_login (auth_id, machine_key, register_request, remote_address, opened_at) "
                        + "VALUES (?, ?, ?, ?, ?)", login.authId(), login.machineKey(),
                new String(TailcfgJson.write(login.request()), StandardCharsets.UTF_8), login.remoteAddress().orElse(null),
                at(login.openedAt()));
    }

    Optional<InteractiveLogins.PendingLogin> find(String authId) {
        return jdbc.query("SELECT * FROM pending_login WHERE auth_id = ?", LOGIN, authId).stream().findFirst();
    }

    /** Whether the login is still open for a decision. */
    boolean isUndecided(String authId) {
        Integer count = jdbc.queryForObject("SELECT COUNT(*) FROM pending_login WHERE auth_id = ? AND outcome IS NULL",
                Integer.class, authId);
        return count != null && count > 0;
    }

    /** Takes the decision for this instance; false when the login is gone or another decision came first. */
    boolean claimDecision(String authId, Instant now) {
        return jdbc.update("UPDATE pending_login SET outcome = ?, decided_at = ? WHERE auth_id = ? AND outcome IS NULL",
                DECIDING, at(now), authId) == 1;
    }

    void recordOutcome(String authId, Outcome outcome) {
        switch (outcome) {
            case Outcome.Registered registered -> jdbc.update(
                    "UPDATE pending_login SET outcome = ?, outcome_node_id = ? WHERE auth_id = ?",
                    REGISTERED, registered.nodeId(), authId);
            case Outcome.NotRegistered refused -> jdbc.update(
                    "UPDATE pending_login SET outcome = ?, outcome_reason = ? WHERE auth_id = ?",
                    REFUSED, refused.reason(), authId);
        }
    }

    /** The outcomes decided so far among {@code authIds}. */
    Map<String, Outcome> outcomes(Collection<String> authIds) {
        Map<String, Outcome> outcomes = new HashMap<>();
        if (authIds.isEmpty()) {
            return outcomes;
        }
        String marks = String.join(", ", authIds.stream().map(id -> "?").toList());
        jdbc.query("SELECT auth_id, outcome, outcome_node_id, outcome_reason FROM pending_login WHERE outcome IN ('"
                + REGISTERED + "', '" + REFUSED + "') AND auth_id IN (" + marks + ")", rs -> {
            outcomes.put(rs.getString("auth_id"), REGISTERED.equals(rs.getString("outcome"))
                    ? new Outcome.Registered(rs.getLong("outcome_node_id"))
                    : new Outcome.NotRegistered(rs.getString("outcome_reason")));
        }, authIds.toArray());
        return outcomes;
    }

    void delete(String authId) {
        jdbc.update("DELETE FROM pending_login WHERE auth_id = ?", authId);
    }

    /** Forgets the logins opened before {@code cutoff}; returns their auth ids. */
    List<String> deleteOpenedBefore(Instant cutoff) {
        List<String> gone = jdbc.queryForList("SELECT auth_id FROM pending_login WHERE opened_at < ?", String.class, at(cutoff));
        if (!gone.isEmpty()) {
            jdbc.update("DELETE FROM pending_login WHERE opened_at < ?", at(cutoff));
        }
        return gone;
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static final RowMapper<InteractiveLogins.PendingLogin> LOGIN = (rs, n) -> {
        RegisterRequest request;
        try {
            request = TailcfgJson.read(rs.getString("register_request").getBytes(StandardCharsets.UTF_8), RegisterRequest.class);
        } catch (Exception e) {
            throw new IllegalStateException("stored register request of " + rs.getString("auth_id") + " is unreadable", e);
        }
        return new InteractiveLogins.PendingLogin(rs.getString("auth_id"), rs.getString("machine_key"), request,
                Optional.ofNullable(rs.getString("remote_address")), rs.getObject("opened_at", OffsetDateTime.class).toInstant());
    };
}
