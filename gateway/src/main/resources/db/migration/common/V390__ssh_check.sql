-- Tailscale SSH checks: a session held by a destination node until a person re-authenticates or an administrator
-- decides. Stored, not kept in one process's memory, so that any instance can decide a check another one opened and
-- a held client still gets its answer after a restart. The decision itself is also an event of the destination node.
CREATE TABLE ssh_check (
    id                   VARCHAR(64)  NOT NULL PRIMARY KEY,
    source_node_id       BIGINT       NOT NULL,
    -- The source node's owner when the check opened; null for a tagged source, which is its own "person".
    source_user_id       BIGINT,
    destination_node_id  BIGINT       NOT NULL,
    ssh_user             VARCHAR(256) NOT NULL,
    local_user           VARCHAR(256) NOT NULL,
    check_period_seconds BIGINT       NOT NULL,
    opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    -- Null while pending; then 'approved' or 'rejected', set once.
    decision             VARCHAR(16),
    decided_at           TIMESTAMP WITH TIME ZONE,
    decided_by           VARCHAR(512)
);

CREATE INDEX ssh_check_approvals ON ssh_check (destination_node_id, local_user, decision, decided_at);
