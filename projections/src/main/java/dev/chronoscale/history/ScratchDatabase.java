package dev.chronoscale.history;

import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/** A private in-memory H2 database with the live inventory's schema, for an inventory replayed from the log. */
final class ScratchDatabase implements AutoCloseable {

    /**
     * The migrations that make the inventory's tables, run as plain scripts: Flyway would scan the class path and
     * apply every module's migrations for each question, a large part of what answering one costs. A migration that
     * changes the inventory's tables goes here too (the history tests replay into these tables and read them with
     * the live queries).
     */
    static final List<String> INVENTORY_SCHEMA = List.of("db/migration/common/V100__inventory.sql");

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
            ResourceDatabasePopulator schema = new ResourceDatabasePopulator();
            INVENTORY_SCHEMA.forEach(script -> schema.addScript(new ClassPathResource(script)));
            schema.execute(database.data);
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
