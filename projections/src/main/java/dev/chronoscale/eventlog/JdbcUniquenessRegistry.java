package dev.chronoscale.eventlog;

import dev.chronoscale.domain.uniqueness.ClaimKind;
import dev.chronoscale.domain.uniqueness.UniquenessRegistry;
import dev.chronoscale.domain.uniqueness.ValueTakenException;
import dev.chronoscale.domain.DomainException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.HashSet;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Claims in the {@code unique_claim} table. The JdbcTemplate joins the transaction of the command being
 * handled, so a claim commits or rolls back together with the events; the primary key makes a
 * concurrent second claim fail instead of both succeeding.
 */
public final class JdbcUniquenessRegistry implements UniquenessRegistry {

    private final JdbcTemplate jdbc;
    private final Map<ClaimKind, AtomicLong> releases = new ConcurrentHashMap<>();

    public JdbcUniquenessRegistry(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void claim(ClaimKind kind, String value, String owner) {
        if (!tryClaim(kind, value, owner)) {
            throw new ValueTakenException(kind, value);
        }
    }

    @Override
    public boolean tryClaim(ClaimKind kind, String value, String owner) {
        int inserted;
        try {
            inserted = jdbc.update("INSERT INTO unique_claim (kind, claim_value, owner) SELECT ?, ?, ?"
                        + " WHERE NOT EXISTS (SELECT 1 FROM unique_claim WHERE kind = ? AND claim_value = ?)",
                kind.name(), value, owner, kind.name(), value);
        } catch (DuplicateKeyException e) {
            // Another transaction claimed the value between our check and our insert. On PostgreSQL this
            // transaction can do nothing more, so the whole command fails and changes nothing.
            throw new DomainException(DomainException.Kind.CONFLICT, "another change claimed the same "
                    + kind.name().toLowerCase().replace('_', ' ') + " '" + value + "' at the same moment; try again");
        }
        return inserted == 1 || owner(kind, value).map(owner::equals).orElse(false);
    }

    @Override
    public void release(ClaimKind kind, String value, String owner) {
        releases.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        jdbc.update("DELETE FROM unique_claim WHERE kind = ? AND claim_value = ? AND owner = ?", kind.name(), value, owner);
    }

    @Override
    public Optional<String> owner(ClaimKind kind, String value) {
        return jdbc.queryForList("SELECT owner FROM unique_claim WHERE kind = ? AND claim_value = ?", String.class,
                kind.name(), value).stream().findFirst();
    }

    @Override
    public long releaseCount(ClaimKind kind) {
        AtomicLong count = releases.get(kind);
        return count == null ? 0 : count.get();
    }

    @Override
    public Set<String> claimed(ClaimKind kind) {
        return new HashSet<>(jdbc.queryForList("SELECT claim_value FROM unique_claim WHERE kind = ?", String.class, kind.name()));
    }
}
