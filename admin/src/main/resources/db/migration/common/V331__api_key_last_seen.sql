-- When each API key last logged a request in, kept apart from the event log: a read is no event, and a key
-- used on every request would otherwise write to the audit trail as fast as it is used.
CREATE TABLE api_key_last_seen (
    prefix    VARCHAR(64) NOT NULL PRIMARY KEY,
    last_seen TIMESTAMP WITH TIME ZONE NOT NULL
);
