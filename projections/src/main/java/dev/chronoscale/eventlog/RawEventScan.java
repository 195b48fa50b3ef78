package dev.chronoscale.eventlog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The events table read as raw rows in position order with nothing decoded: the physical limit of any replay of the
 * log on that database, for benchmarks to set the replays' figures against.
 */
public final class RawEventScan {

    /** Rows and stored bytes (payload and metadata) read, and the instants of the first and last event. */
    public record Result(long rows, long bytes, Instant first, Instant last, Duration took) {

        public double rowsPerSecond() {
            return rows / seconds();
        }

        public double megabytesPerSecond() {
            return bytes / 1e6 / seconds();
        }

        private double seconds() {
            return Math.max(1e-9, took.toNanos() / 1e9);
        }
    }

    private RawEventScan() {
    }

    public static Result scan(DataSource data, int fetchSize) throws SQLException {
        long started = System.nanoTime();
        long rows = 0;
        long bytes = 0;
        String first = null;
        String last = null;
        try (Connection connection = data.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            // PostgreSQL streams with a cursor (honours the fetch size) only outside auto-commit.
            connection.setAutoCommit(false);
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT globalIndex, payload, metaData, timeStamp FROM DomainEventEntry ORDER BY globalIndex")) {
                select.setFetchSize(fetchSize);
                try (ResultSet results = select.executeQuery()) {
                    while (results.next()) {
                        results.getLong(1);
                        bytes += length(results.getBytes(2)) + length(results.getBytes(3));
                        last = results.getString(4);
                        if (first == null) {
                            first = last;
                        }
                        rows++;
                    }
                }
            } finally {
                connection.rollback();
                connection.setAutoCommit(autoCommit);
            }
        }
        return new Result(rows, bytes, first == null ? null : Instant.parse(first), last == null ? null : Instant.parse(last),
                Duration.ofNanos(System.nanoTime() - started));
    }

    private static int length(byte[] bytes) {
        return bytes == null ? 0 : bytes.length;
    }
}
