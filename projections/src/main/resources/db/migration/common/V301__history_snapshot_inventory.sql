-- Format 2 of time travel's snapshots (history.SnapshotCodec): the inventory is kept as an image of the private
-- H2 database it was replayed into, zstd-compressed, so a question opens it as it is instead of inserting its rows
-- again; state holds the rest (the netmap's users and nodes, the policy in force, the open sessions) as
-- zstd-compressed JSON. Rows of format 1 have no image; they are never read, and the snapshot job replaces them.
ALTER TABLE history_snapshot ADD COLUMN inventory BYTEA;
