package dev.chronoscale.history;

import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.UUID;
import java.util.function.Supplier;

/** A private in-memory H2 database with the live schema, for an inventory replayed from the log. */
final class ScratchDatabase implements AutoCloseable {

    private final SingleConnectionDataSource data;
    private final JdbcTemplate jdbc;

    private ScratchDatabase(SingleConnectionDataSource data) {
        this.data = data;
        this.jdbc = new JdbcTemplate(data);
    }

    static ScratchDatabase create() {
        ScratchDatabase database = new ScratchDatabase(new SingleConnectionDataSource(
                "jdbc:h2:mem:history-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", true));
        try {
            Flyway.configure().dataSource(database.data).locations("classpath:db/migration/common").load().migrate();
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs {@code work} in one transaction: a replay's many small writes commit once. */
    <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(data)).execute(status -> work.get());
    }

    @Override
    public void close() {
        jdbc.execute("SHUTDOWN");
        data.destroy();
    }
}
