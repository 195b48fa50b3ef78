package dev.chronoscale.auditexport.chain;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.auditexport.checkpoint.Checkpoint;
import dev.chronoscale.auditexport.schema.CanonicalJson;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The audit tables: chained records and signed checkpoints. */
public final class AuditTrailStore {

    /** The newest link of the chain: where appending continues. */
    public record Head(long position, long globalIndex, String hash) {
        public static final Head EMPTY = new Head(0, 0, ChainHash.GENESIS);
    }

    private static final int PAGE = 1000;
    private static final String RECORD_COLUMNS = "position, previous_hash, record_hash, record_json";
    private static final RowMapper<ChainedRecord> RECORD = (rs, row) -> new ChainedRecord(rs.getLong(1), rs.getString(2),
            rs.getString(3), parse(rs.getBytes(4)));
    private static final RowMapper<Checkpoint> CHECKPOINT = (rs, row) -> new Checkpoint(rs.getLong(1), rs.getString(2),
            Instant.ofEpochMilli(rs.getLong(3)), rs.getString(4), rs.getString(5));

    private final JdbcTemplate jdbc;

    public AuditTrailStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Head head() {
        return jdbc.query("SELECT position, global_index, record_hash FROM audit_record ORDER BY position DESC LIMIT 1",
                (rs, row) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3))).stream().findFirst().orElse(Head.EMPTY);
    }

    void append(ChainedRecord link, long globalIndex) {
        ObjectNode r = link.record();
        jdbc.update("INSERT INTO audit_record (position, global_index, event_id, occurred_at, action, actor_type, actor_id, "
                        + "target_type, target_id, target_name, record_json, previous_hash, record_hash) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                link.position(), globalIndex, link.eventId(), Instant.parse(r.path("time").asText()).toEpochMilli(),
                link.action(), r.path("actor").path("type").asText(), r.path("actor").path("id").asText(),
                r.path("target").path("type").asText(), r.path("target").path("id").asText(),
                r.path("target").path("name").isNull() ? null : r.path("target").path("name").asText(),
                CanonicalJson.write(r).getBytes(StandardCharsets.UTF_8), link.previousHash(), link.hash());
    }

    public void saveCheckpoint(Checkpoint checkpoint) {
        jdbc.update("INSERT INTO audit_checkpoint (position, record_hash, signed_at, public_key, signature) VALUES (?, ?, ?, ?, ?)",
                checkpoint.position(), checkpoint.hash(), checkpoint.signedAt().toEpochMilli(), checkpoint.publicKey(),
                checkpoint.signature());
    }

    /** Records after {@code afterPosition}, in chain order, at most {@code limit}. */
    public List<ChainedRecord> page(long afterPosition, int limit) {
        return jdbc.query("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE position > ? ORDER BY position LIMIT " + limit,
                RECORD, afterPosition);
    }

    /** Records after {@code afterPosition} up to {@code lastPosition} inclusive, at most {@code limit}. */
    public List<ChainedRecord> page(long afterPosition, long lastPosition, int limit) {
        return jdbc.query("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE position > ? AND position <= ? "
                + "ORDER BY position LIMIT " + limit, RECORD, afterPosition, lastPosition);
    }

    public List<ChainedRecord> find(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE position > ?");
        List<Object> args = new ArrayList<>();
        args.add(query.afterPosition());
        query.since().ifPresent(t -> {
            sql.append(" AND occurred_at >= ?");
            args.add(t.toEpochMilli());
        });
        query.until().ifPresent(t -> {
            sql.append(" AND occurred_at < ?");
            args.add(t.toEpochMilli());
        });
        query.actor().ifPresent(a -> {
            sql.append(" AND (actor_id = ? OR actor_type = ?)");
            args.add(a);
            args.add(a.toUpperCase(Locale.ROOT));
        });
        query.action().ifPresent(a -> {
            if (a.endsWith(".") || a.endsWith("*")) {
                sql.append(" AND action LIKE ?");
                args.add(a.replace("*", "") + "%");
            } else {
                sql.append(" AND action = ?");
                args.add(a);
            }
        });
        query.node().ifPresent(n -> target(sql, args, "node", n));
        query.user().ifPresent(u -> target(sql, args, "user", u));
        sql.append(" ORDER BY position LIMIT ").append(query.limit());
        return jdbc.query(sql.toString(), RECORD, args.toArray());
    }

    private static void target(StringBuilder sql, List<Object> args, String type, String idOrName) {
        sql.append(" AND target_type = ? AND (target_id = ? OR target_name = ?)");
        args.add(type);
        args.add(idOrName);
        args.add(idOrName);
    }

    /** The first and last positions of the records in [since, until), or empty when there are none. */
    public Optional<long[]> positionRange(Optional<Instant> since, Optional<Instant> until) {
        Long first = jdbc.queryForObject("SELECT MIN(position) FROM audit_record WHERE occurred_at >= ?", Long.class,
                since.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
        Long last = jdbc.queryForObject("SELECT MAX(position) FROM audit_record WHERE occurred_at < ?", Long.class,
                until.map(Instant::toEpochMilli).orElse(Long.MAX_VALUE));
        if (first == null || last == null || last < first) {
            return Optional.empty();
        }
        return Optional.of(new long[]{first, last});
    }

    /** The last record at or before the instant (at the trail's millisecond precision), or the empty chain's head. */
    public Head headAt(Instant instant) {
        return jdbc.query("SELECT position, global_index, record_hash FROM audit_record WHERE position = "
                        + "(SELECT MAX(position) FROM audit_record WHERE occurred_at <= ?)",
                (rs, row) -> new Head(rs.getLong(1), rs.getLong(2), rs.getString(3)), instant.toEpochMilli())
                .stream().findFirst().orElse(Head.EMPTY);
    }

    /**
     * Every record of {@code (after, upTo]} in chain order whose action is one of {@code actions} (exact, or a prefix
     * ending in '.'; all when empty) and whose actor type is one of {@code actorTypes} (all when empty), read a page
     * at a time.
     */
    public void forEach(Optional<Instant> after, Instant upTo, List<String> actions, List<String> actorTypes,
                        Consumer<ChainedRecord> each) {
        Long first = jdbc.queryForObject("SELECT MIN(position) FROM audit_record WHERE occurred_at > ?", Long.class,
                after.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
        Long last = jdbc.queryForObject("SELECT MAX(position) FROM audit_record WHERE occurred_at <= ?", Long.class,
                upTo.toEpochMilli());
        if (first == null || last == null || last < first) {
            return;
        }
        StringBuilder filter = new StringBuilder();
        List<Object> args = new ArrayList<>();
        if (!actions.isEmpty()) {
            filter.append(" AND (");
            for (int i = 0; i < actions.size(); i++) {
                String action = actions.get(i);
                filter.append(i == 0 ? "" : " OR ").append(action.endsWith(".") ? "action LIKE ?" : "action = ?");
                args.add(action.endsWith(".") ? action + "%" : action);
            }
            filter.append(')');
        }
        if (!actorTypes.isEmpty()) {
            filter.append(" AND actor_type IN (").append(String.join(", ", actorTypes.stream().map(t -> "?").toList())).append(')');
            args.addAll(actorTypes);
        }
        long position = first - 1;
        while (true) {
            List<Object> page = new ArrayList<>();
            page.add(position);
            page.add(last);
            page.addAll(args);
            List<ChainedRecord> records = jdbc.query("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE position > ? "
                    + "AND position <= ?" + filter + " ORDER BY position LIMIT " + PAGE, RECORD, page.toArray());
            records.forEach(each);
            if (records.size() < PAGE) {
                return;
            }
            position = records.get(records.size() - 1).position();
        }
    }

    /** For each target id, the last record of the action at or before the instant. */
    public Map<String, ChainedRecord> latestByTarget(String action, Instant upTo) {
        // Bounded by position rather than by time, so that the index on (action, target_id, position) answers it
        // alone: a time bound would read every record of the action, JSON and all, to find its time.
        Long last = jdbc.queryForObject("SELECT MAX(position) FROM audit_record WHERE occurred_at <= ?", Long.class,
                upTo.toEpochMilli());
        if (last == null) {
            return Map.of();
        }
        List<Long> positions = jdbc.queryForList("SELECT MAX(position) FROM audit_record WHERE action = ? AND position <= ? "
                + "GROUP BY target_id", Long.class, action, last);
        Map<String, ChainedRecord> latest = new HashMap<>();
        for (int start = 0; start < positions.size(); start += PAGE) {
            List<Long> batch = positions.subList(start, Math.min(positions.size(), start + PAGE));
            String in = String.join(", ", batch.stream().map(p -> "?").toList());
            jdbc.query("SELECT " + RECORD_COLUMNS + " FROM audit_record WHERE position IN (" + in + ")", RECORD, batch.toArray())
                    .forEach(record -> latest.put(record.record().path("target").path("id").asText(), record));
        }
        return latest;
    }

    public Optional<String> hashAt(long position) {
        return jdbc.query("SELECT record_hash FROM audit_record WHERE position = ?", (rs, row) -> rs.getString(1), position)
                .stream().findFirst();
    }

    public List<Checkpoint> checkpoints(long firstPosition, long lastPosition) {
        return jdbc.query("SELECT position, record_hash, signed_at, public_key, signature FROM audit_checkpoint "
                + "WHERE position >= ? AND position <= ? ORDER BY position", CHECKPOINT, firstPosition, lastPosition);
    }

    public Optional<Checkpoint> latestCheckpoint() {
        return jdbc.query("SELECT position, record_hash, signed_at, public_key, signature FROM audit_checkpoint "
                + "ORDER BY position DESC LIMIT 1", CHECKPOINT).stream().findFirst();
    }

    private static ObjectNode parse(byte[] json) {
        try {
            return (ObjectNode) CanonicalJson.MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("audit record is not JSON", e);
        }
    }
}
