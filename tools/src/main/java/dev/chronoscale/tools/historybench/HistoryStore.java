package dev.chronoscale.tools.historybench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.EventLog;
import dev.chronoscale.eventlog.JdbcEventStorage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.flywaydb.core.Flyway;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import javax.sql.DataSource;

/** An event store as the server keeps it (its migrations, its engine and serialiser), over a small connection pool. */
public final class HistoryStore implements AutoCloseable {

    /** Where the store is: a JDBC URL with its credentials. */
    public record Location(String url, String user, String password) {

        /** An H2 file, opened as the server opens its embedded database. */
        public static Location h2File(Path file) {
            return new Location("jdbc:h2:file:" + file.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=64", "sa", "");
        }

        @Override
        public String toString() {
            return url;
        }
    }

    private final HikariDataSource data;
    private final EventStorageEngine engine;
    private final EventLog log;

    private HistoryStore(HikariDataSource data) {
        this.data = data;
        this.engine = JdbcEventStorage.engine(data);
        this.log = new EventLog(engine, new JdbcTemplate(data));
    }

    /** Opens the store and brings its schema up to date. */
    public static HistoryStore open(Location location) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(location.url());
        config.setUsername(location.user());
        config.setPassword(location.password());
        config.setMaximumPoolSize(4);
        config.setPoolName("bench-history");
        HikariDataSource data = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(data).locations("classpath:db/migration/common").load().migrate();
        } catch (RuntimeException e) {
            data.close();
            throw e;
        }
        return new HistoryStore(data);
    }

    public DataSource data() {
        return data;
    }

    public EventStorageEngine engine() {
        return engine;
    }

    public EventLog log() {
        return log;
    }

    public BoundedReplay replay() {
        return new BoundedReplay(log);
    }

    @Override
    public void close() {
        data.close();
    }
}
