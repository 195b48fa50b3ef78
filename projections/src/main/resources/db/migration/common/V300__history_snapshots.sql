-- Time travel's snapshots (architecture decision 8): the state of the history projections after one event of
-- the log, so that a question about an instant replays only what happened since the newest snapshot before it.
-- Disposable: a snapshot is derived from the log, and one of another format_version is never read, only replaced.
CREATE TABLE history_snapshot (
    -- the log position (Axon's global index) of the last event the state includes
    log_position   BIGINT       NOT NULL PRIMARY KEY,
    -- the latest time of any event up to that position: the snapshot serves instants at or after it
    event_time     TIMESTAMP WITH TIME ZONE NOT NULL,
    -- how many events of the log the state was built from
    events         BIGINT       NOT NULL,
    format_version INTEGER      NOT NULL,
    taken_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    -- gzip-compressed JSON
    state          BYTEA        NOT NULL
);
