package dev.chronoscale.auditexport.delivery;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Clock;

/** Each sink's own progress, in {@code audit_sink_checkpoint}: delivery resumes from here after a restart. */
public final class SinkCheckpointStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public SinkCheckpointStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The last position the sink has delivered; 0 when it has delivered nothing. */
    public long delivered(String sink) {
        return jdbc.query("SELECT delivered_position FROM audit_sink_checkpoint WHERE sink_name = ?",
                (rs, row) -> rs.getLong(1), sink).stream().findFirst().orElse(0L);
    }

    /**
     * Moves the checkpoint forward, never back: with several servers delivering to the same sink, a
     * server that is behind must not make the others resend what was already delivered.
     */
    public void save(String sink, long position, String eventId) {
        long now = clock.millis();
        Long current = jdbc.query("SELECT delivered_position FROM audit_sink_checkpoint WHERE sink_name = ?",
                (rs, row) -> rs.getLong(1), sink).stream().findFirst().orElse(null);
        if (current == null) {
            try {
                jdbc.update("INSERT INTO audit_sink_checkpoint (sink_name, delivered_position, delivered_event_id, updated_at) "
                        + "VALUES (?, ?, ?, ?)", sink, position, eventId, now);
                return;
            } catch (org.springframework.dao.DuplicateKeyException insertedMeanwhile) {
                // another server created the row first; fall through to the update
            }
        }
        jdbc.update("UPDATE audit_sink_checkpoint SET delivered_position = ?, delivered_event_id = ?, updated_at = ? "
                + "WHERE sink_name = ? AND delivered_position < ?", position, eventId, now, sink, position);
    }

}
