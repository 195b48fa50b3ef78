package dev.chronoscale.eventlog;

import dev.chronoscale.domain.IdSequence;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Ids from the {@code id_counter} table, each taken in a short transaction of its own (the row lock
 * makes concurrent takers wait, never collide). An id whose command then fails is skipped, as with
 * any database sequence.
 */
public final class JdbcIdSequence implements IdSequence {

    private final JdbcTemplate jdbc;
    private final TransactionTemplate ownTransaction;

    public JdbcIdSequence(JdbcTemplate jdbc, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(transactions.getTransactionManager());
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    @Override
    public long next(Kind kind) {
        Long id = ownTransaction.execute(status -> {
            jdbc.update("UPDATE id_counter SET last_value = last_value + 1 WHERE kind = ?", kind.counter());
            return jdbc.queryForObject("SELECT last_value FROM id_counter WHERE kind = ?", Long.class, kind.counter());
        });
        if (id == null) {
            throw new IllegalStateException("id counter '" + kind.counter() + "' is missing");
        }
        return id;
    }

    /** The last id handed out of {@code kind}; 0 when none ever was. */
    public long last(Kind kind) {
        Long last = jdbc.queryForObject("SELECT last_value FROM id_counter WHERE kind = ?", Long.class, kind.counter());
        if (last == null) {
            throw new IllegalStateException("id counter '" + kind.counter() + "' is missing");
        }
        return last;
    }

    /** Moves the counter of {@code kind} past {@code id}, for ids a source assigned (an import): never backwards. */
    public void advancePast(Kind kind, long id) {
        ownTransaction.executeWithoutResult(status -> jdbc.update(
                "UPDATE id_counter SET last_value = ? WHERE kind = ? AND last_value < ?", id, kind.counter(), id));
    }
}
