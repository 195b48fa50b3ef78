-- Set-based validation: a value held by one owner, written in the same transaction as the
-- events of the command that takes or releases it (architecture decision 4).
CREATE TABLE unique_claim (
    kind        VARCHAR(32)  NOT NULL,
    claim_value VARCHAR(255) NOT NULL,
    owner       VARCHAR(255) NOT NULL,
    PRIMARY KEY (kind, claim_value)
);
CREATE INDEX unique_claim_owner ON unique_claim (owner);

-- Numeric ids for users, nodes and keys, as Headscale shows them.
CREATE TABLE id_counter (
    kind       VARCHAR(32) NOT NULL PRIMARY KEY,
    last_value BIGINT      NOT NULL
);
INSERT INTO id_counter (kind, last_value) VALUES ('user', 0), ('node', 0), ('preauthkey', 0), ('apikey', 0);
