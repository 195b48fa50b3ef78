-- Headscale 0.26.1's tables as its migrations leave them on PostgreSQL (gorm's types for the models of that
-- version: bigserial ids, timestamptz times, boolean flags, bytea hashes, JSON-serialised lists as text).
-- Written for the import tests from Headscale's models and migrations; the rows come from the SQLite fixture.
CREATE TABLE migrations (id text PRIMARY KEY);
CREATE TABLE users (
  id bigserial PRIMARY KEY, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz,
  name text, display_name text, email text, provider_identifier text, provider text, profile_pic_url text);
CREATE INDEX idx_users_deleted_at ON users (deleted_at);
CREATE UNIQUE INDEX idx_provider_identifier ON users (provider_identifier) WHERE provider_identifier IS NOT NULL;
CREATE UNIQUE INDEX idx_name_provider_identifier ON users (name, provider_identifier);
CREATE UNIQUE INDEX idx_name_no_provider_identifier ON users (name) WHERE provider_identifier IS NULL;
CREATE TABLE pre_auth_keys (
  id bigserial PRIMARY KEY, key text, user_id bigint REFERENCES users (id) ON DELETE SET NULL, reusable boolean,
  ephemeral boolean DEFAULT false, used boolean DEFAULT false, tags text, created_at timestamptz, expiration timestamptz);
CREATE TABLE api_keys (
  id bigserial PRIMARY KEY, prefix text, hash bytea, created_at timestamptz, expiration timestamptz, last_seen timestamptz);
CREATE UNIQUE INDEX idx_api_keys_prefix ON api_keys (prefix);
CREATE TABLE nodes (
  id bigserial PRIMARY KEY, machine_key text, node_key text, disco_key text, endpoints text, host_info text,
  ipv4 text, ipv6 text, hostname text, given_name varchar(63), user_id bigint REFERENCES users (id) ON DELETE CASCADE,
  register_method text, forced_tags text, auth_key_id bigint REFERENCES pre_auth_keys (id), expiry timestamptz,
  last_seen timestamptz, approved_routes text, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz);
CREATE TABLE policies (
  id bigserial PRIMARY KEY, created_at timestamptz, updated_at timestamptz, deleted_at timestamptz, data text);
CREATE INDEX idx_policies_deleted_at ON policies (deleted_at);
