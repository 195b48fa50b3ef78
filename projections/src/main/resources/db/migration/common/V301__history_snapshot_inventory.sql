-- Format 2 of time travel's snapshots (history.SnapshotCodec), each part in a column of its own so that a question
-- reads only its part: inventory, an image of the private H2 database the inventory was replayed into (opened as it
-- is instead of inserting its rows again); sessions, the nodes that had a map stream open; state, the netmap's users
-- and nodes and the policy in force. All three are zstd-compressed (state and sessions as JSON). Rows of format 1
-- have neither new column; they are never read, and the snapshot job replaces them.
ALTER TABLE history_snapshot ADD COLUMN inventory BYTEA;
ALTER TABLE history_snapshot ADD COLUMN sessions BYTEA;
