package dev.chronoscale.history;

import org.h2.store.fs.FilePath;
import org.h2.store.fs.FileUtils;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A private H2 database with the live inventory's schema, for an inventory replayed from the log. It lives in H2's
 * in-memory file system, so it can be kept as an image of its file ({@link #closeToImage}) and opened from one
 * again ({@link #open}) in the time it takes to copy the bytes, whatever it holds. The file is deleted on close.
 */
final class ScratchDatabase implements AutoCloseable {

    /**
     * The migrations that make the inventory's tables, run as plain scripts: Flyway would scan the class path and
     * apply every module's migrations for each question, a large part of what answering one costs. A migration that
     * changes the inventory's tables goes here too (the history tests replay into these tables and read them with
     * the live queries), and raises {@link SnapshotCodec#FORMAT_VERSION}: snapshots hold images of these tables.
     */
    static final List<String> INVENTORY_SCHEMA = List.of("db/migration/common/V100__inventory.sql");

    /** The inventory projection runs about twenty distinct statements; H2 keeps the plans of only eight by default. */
    private static final String SETTINGS = ";QUERY_CACHE_SIZE=64";

    private final String name;
    private final SingleConnectionDataSource data;
    private final JdbcTemplate jdbc;
    private boolean open = true;

    private ScratchDatabase(String name) {
        this.name = name;
        this.data = new SingleConnectionDataSource("jdbc:h2:memFS:" + name + SETTINGS, true);
        this.jdbc = new JdbcTemplate(data);
    }

    /** An empty inventory. */
    static ScratchDatabase create() {
        ScratchDatabase database = new ScratchDatabase(freshName());
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

    /** The database an {@linkplain #closeToImage image} was taken of; refused if the image is not one. */
    static ScratchDatabase open(byte[] image) {
        String name = freshName();
        try (OutputStream out = FilePath.get(file(name)).newOutputStream(false)) {
            out.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScratchDatabase database = new ScratchDatabase(name);
        try {
            database.jdbc.queryForObject("SELECT COUNT(*) FROM inv_node WHERE 1 = 0", Long.class);
            return database;
        } catch (RuntimeException e) {
            database.discard();
            throw new IllegalArgumentException("not an image of an inventory database: " + e.getMessage(), e);
        }
    }

    JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs {@code work} in one transaction: a replay's many small writes commit once. */
    <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(data)).execute(status -> work.get());
    }

    /** Closes the database and returns its file, compacted: what {@link #open} takes. */
    byte[] closeToImage() {
        jdbc.execute("SHUTDOWN COMPACT");
        open = false;
        try (InputStream in = FilePath.get(file(name)).newInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            data.destroy();
            deleteFiles();
        }
    }

    @Override
    public void close() {
        try {
            if (open) {
                open = false;
                jdbc.execute("SHUTDOWN IMMEDIATELY");
            }
        } finally {
            data.destroy();
            deleteFiles();
        }
    }

    /** Drops a database that never opened. */
    private void discard() {
        open = false;
        data.destroy();
        deleteFiles();
    }

    private void deleteFiles() {
        FileUtils.delete(file(name));
        FileUtils.delete("memFS:" + name + ".trace.db");
    }

    private static String freshName() {
        return "history-" + UUID.randomUUID();
    }

    private static String file(String name) {
        return "memFS:" + name + ".mv.db";
    }
}
