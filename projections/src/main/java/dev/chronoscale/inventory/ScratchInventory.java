package dev.chronoscale.inventory;

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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A private H2 database with the live inventory's schema, for an inventory replayed from the log. It lives in H2's
 * in-memory file system, so it can be kept as an image of its file ({@link #closeToImage}) and opened from one
 * again ({@link #open}) in the time it takes to copy the bytes, whatever it holds. The file is deleted on close.
 */
public final class ScratchInventory implements AutoCloseable {

    /**
     * The migrations that make the inventory's tables, run as plain scripts: Flyway would scan the class path and
     * apply every module's migrations for each question, a large part of what answering one costs. A migration that
     * changes the inventory's tables goes here too (the history tests replay into these tables and read them with
     * the live queries), and raises {@code history.SnapshotCodec.FORMAT_VERSION}: snapshots hold images of these tables.
     */
    public static final List<String> INVENTORY_SCHEMA = List.of("db/migration/common/V100__inventory.sql",
            "db/migration/common/V330__inventory_tag_only_keys_and_sessions.sql",
            "db/migration/common/V340__inventory_user_profile_pic_url.sql",
            "db/migration/common/V360__inventory_user_identity_and_groups.sql",
            "db/migration/common/V370__inventory_device_approval.sql",
            "db/migration/common/V380__inventory_roles.sql");

    /** The inventory projection runs about twenty distinct statements; H2 keeps the plans of only eight by default. */
    private static final String SETTINGS = ";QUERY_CACHE_SIZE=64";

    private final String name;
    private final SingleConnectionDataSource data;
    private final JdbcTemplate jdbc;
    private boolean open = true;

    private ScratchInventory(String name, String url) {
        this.name = name;
        this.data = new SingleConnectionDataSource(url + SETTINGS, true);
        this.jdbc = new JdbcTemplate(data);
    }

    private ScratchInventory(String name) {
        this(name, "jdbc:h2:memFS:" + name);
    }

    /** An empty inventory. */
    public static ScratchInventory create() {
        return withSchema(new ScratchInventory(freshName()));
    }

    /**
     * An empty inventory held in memory alone, which is quicker to write but gives no {@linkplain #closeToImage image}:
     * for a database that is read and thrown away.
     */
    public static ScratchInventory inMemory() {
        String name = freshName();
        return withSchema(new ScratchInventory(name, "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1"));
    }

    private static ScratchInventory withSchema(ScratchInventory database) {
        try {
            ResourceDatabasePopulator schema = new ResourceDatabasePopulator();
            // This module's loader: a thread's context loader (a pool's, say) need not see the server's jars.
            ClassLoader loader = ScratchInventory.class.getClassLoader();
            INVENTORY_SCHEMA.forEach(script -> schema.addScript(new ClassPathResource(script, loader)));
            schema.execute(database.data);
            return database;
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    /** The database an {@linkplain #closeToImage image} was taken of; refused if the image is not one. */
    public static ScratchInventory open(byte[] image) {
        String name = freshName();
        try (OutputStream out = FilePath.get(file(name)).newOutputStream(false)) {
            out.write(image);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ScratchInventory database = new ScratchInventory(name);
        try {
            database.jdbc.queryForObject("SELECT COUNT(*) FROM inv_node WHERE 1 = 0", Long.class);
            return database;
        } catch (RuntimeException e) {
            database.discard();
            throw new IllegalArgumentException("not an image of an inventory database: " + e.getMessage(), e);
        }
    }

    public JdbcTemplate jdbc() {
        return jdbc;
    }

    /** Runs {@code work} in one transaction: a replay's many small writes commit once. */
    public <T> T inTransaction(Supplier<T> work) {
        return new TransactionTemplate(new DataSourceTransactionManager(data)).execute(status -> work.get());
    }

    /**
     * Runs {@code work} with autocommit off, committing whenever it calls the {@code commit} it is given, and at the
     * end: a private database needs no atomicity, and a transaction of a million statements costs H2 seconds to commit.
     */
    public <T> T inChunks(Function<Runnable, T> work) {
        return jdbc.execute((Connection connection) -> {
            connection.setAutoCommit(false);
            try {
                T result = work.apply(() -> {
                    try {
                        connection.commit();
                    } catch (SQLException e) {
                        throw new IllegalStateException("a private inventory database did not commit", e);
                    }
                });
                connection.commit();
                return result;
            } finally {
                connection.setAutoCommit(true);
            }
        });
    }

    /** Closes the database and returns its file, compacted: what {@link #open} takes. */
    public byte[] closeToImage() {
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
