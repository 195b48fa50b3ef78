-- Pre-auth keys with tags and no user (Headscale 0.28's tag-only keys).
ALTER TABLE inv_preauth_key ALTER COLUMN user_id DROP NOT NULL;
-- What the API shows of a node's sessions and reachability: when it was last seen, and its disco key.
ALTER TABLE inv_node ADD COLUMN disco_key VARCHAR(128);
ALTER TABLE inv_node ADD COLUMN last_seen TIMESTAMP WITH TIME ZONE;
