package dev.chronoscale.history;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * The stored snapshots of time travel (table {@code history_snapshot}), in the server's database beside the log.
 * Only snapshots of the current {@link SnapshotCodec#FORMAT_VERSION} are ever read; one that cannot be read is
 * passed over with a warning, since the log can always be replayed instead.
 */
public final class HistorySnapshots {

    private static final System.Logger LOG = System.getLogger(HistorySnapshots.class.getName());
    private static final String POSITION_COLUMNS = "log_position, event_time, events";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public HistorySnapshots(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Stores a snapshot, replacing any at the same position; another instance storing it first is no failure. */
    void save(HistorySnapshot<HistoryState> snapshot) {
        SnapshotCodec.Stored stored = SnapshotCodec.encode(snapshot.state());
        jdbc.update("DELETE FROM history_snapshot WHERE log_position = ?", snapshot.position());
        try {
            jdbc.update("INSERT INTO history_snapshot (log_position, event_time, events, format_version, taken_at,"
                            + " inventory, state, sessions) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", snapshot.position(),
                    utc(snapshot.eventTime()), snapshot.events(), SnapshotCodec.FORMAT_VERSION, utc(clock.instant()),
                    stored.inventory(), stored.state(), stored.sessions());
        } catch (DuplicateKeyException e) {
            LOG.log(System.Logger.Level.DEBUG, "history snapshot at " + snapshot.position() + " was stored by another instance");
        }
    }

    /** The newest snapshot of the current format: the one the next snapshot is replayed from. */
    Optional<HistorySnapshot<HistoryState.Parts>> newest() {
        return first(jdbc.query("SELECT " + columns(SnapshotCodec.BOTH) + " FROM history_snapshot WHERE format_version = ?"
                + " ORDER BY log_position DESC LIMIT 1", this::row, SnapshotCodec.FORMAT_VERSION), SnapshotCodec.BOTH);
    }

    /**
     * The newest snapshot of the current format that holds no event recorded after {@code instant}, with only
     * {@code part} of its state decoded ({@link SnapshotCodec#INVENTORY}, {@link SnapshotCodec#NETMAP} or both).
     */
    <S> Optional<HistorySnapshot<S>> newestAtOrBefore(Instant instant, SnapshotCodec.Part<S> part) {
        // Event times are whole milliseconds (and stored rounded up to one), so the instant's sub-millisecond
        // part can be dropped: the database may keep fewer digits than Java gives it.
        OffsetDateTime until = utc(instant.truncatedTo(ChronoUnit.MILLIS));
        return first(jdbc.query("SELECT " + columns(part) + " FROM history_snapshot WHERE format_version = ?"
                        + " AND event_time <= ? ORDER BY log_position DESC LIMIT 1", this::row,
                SnapshotCodec.FORMAT_VERSION, until), part)
                .filter(snapshot -> !snapshot.eventTime().isAfter(instant));
    }

    /** Deletes the snapshots of any other format: they are never read, and the snapshot job takes new ones. */
    int deleteOtherFormats() {
        return jdbc.update("DELETE FROM history_snapshot WHERE format_version <> ?", SnapshotCodec.FORMAT_VERSION);
    }

    private static String columns(SnapshotCodec.Part<?> part) {
        return POSITION_COLUMNS + ", " + String.join(", ", part.columns());
    }

    private Stored row(ResultSet rs, int rowNum) throws SQLException {
        return new Stored(rs.getLong("log_position"), rs.getObject("event_time", OffsetDateTime.class).toInstant(),
                rs.getLong("events"), new SnapshotCodec.Stored(column(rs, "inventory"), column(rs, "state"),
                column(rs, "sessions")));
    }

    /** A column's bytes, or null when the query did not fetch it. */
    private static byte[] column(ResultSet rs, String name) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            if (meta.getColumnLabel(i).equalsIgnoreCase(name)) {
                return rs.getBytes(i);
            }
        }
        return null;
    }

    private static <S> Optional<HistorySnapshot<S>> first(List<Stored> rows, SnapshotCodec.Part<S> part) {
        return rows.stream().findFirst().flatMap(stored -> stored.decoded(part));
    }

    private static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private record Stored(long position, Instant eventTime, long events, SnapshotCodec.Stored columns) {
        <S> Optional<HistorySnapshot<S>> decoded(SnapshotCodec.Part<S> part) {
            try {
                return Optional.of(new HistorySnapshot<>(position, eventTime, events, part.decode(columns)));
            } catch (IllegalArgumentException e) {
                LOG.log(System.Logger.Level.WARNING, "history snapshot at position " + position
                        + " is passed over: " + e.getMessage());
                return Optional.empty();
            }
        }
    }
}
