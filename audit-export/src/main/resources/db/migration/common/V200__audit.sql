-- The audit trail: one record per event in global order, hash-chained (docs/audit.md).
CREATE TABLE audit_record (
    position      BIGINT       NOT NULL PRIMARY KEY,
    global_index  BIGINT       NOT NULL,
    event_id      VARCHAR(255) NOT NULL,
    occurred_at   BIGINT       NOT NULL,
    action        VARCHAR(128) NOT NULL,
    actor_type    VARCHAR(32)  NOT NULL,
    actor_id      VARCHAR(255) NOT NULL,
    target_type   VARCHAR(64)  NOT NULL,
    target_id     VARCHAR(255) NOT NULL,
    target_name   VARCHAR(255),
    record_json   BYTEA        NOT NULL,
    previous_hash VARCHAR(64)  NOT NULL,
    record_hash   VARCHAR(64)  NOT NULL,
    UNIQUE (global_index),
    UNIQUE (event_id)
);
CREATE INDEX audit_record_time ON audit_record (occurred_at);

-- Signed checkpoints: the chain hash at a position, signed with the server's Ed25519 audit key.
CREATE TABLE audit_checkpoint (
    position    BIGINT       NOT NULL PRIMARY KEY,
    record_hash VARCHAR(64)  NOT NULL,
    signed_at   BIGINT       NOT NULL,
    public_key  VARCHAR(64)  NOT NULL,
    signature   VARCHAR(128) NOT NULL
);

-- Each SIEM sink's own progress: the last audit position it has delivered.
CREATE TABLE audit_sink_checkpoint (
    sink_name          VARCHAR(128) NOT NULL PRIMARY KEY,
    delivered_position BIGINT       NOT NULL,
    delivered_event_id VARCHAR(255),
    updated_at         BIGINT       NOT NULL
);
