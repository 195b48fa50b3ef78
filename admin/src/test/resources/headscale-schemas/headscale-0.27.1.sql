-- A Headscale 0.27.1 SQLite database: the tables of 0.27's schema.sql, which its migration 202507021200 rebuilds
-- every SQLite database into. Written for Chronoscale's import tests; the rows are made up.
--
-- In 0.26 and 0.27 a node's tags were its forced_tags and the tags of the key it registered with, whatever
-- `headscale nodes tag` did to the forced tags since. Approved routes are a node's column, advertised ones its
-- Hostinfo's RoutableIPs; pre-auth keys are still plain text.
CREATE TABLE migrations(id text,PRIMARY KEY(id));
INSERT INTO migrations VALUES('202312101416');
INSERT INTO migrations VALUES('202312101430');
INSERT INTO migrations VALUES('202402151347');
INSERT INTO migrations VALUES('2024041121742');
INSERT INTO migrations VALUES('202406021630');
INSERT INTO migrations VALUES('202409271400');
INSERT INTO migrations VALUES('202407191627');
INSERT INTO migrations VALUES('202408181235');
INSERT INTO migrations VALUES('202501221827');
INSERT INTO migrations VALUES('202501311657');
INSERT INTO migrations VALUES('202502070949');
INSERT INTO migrations VALUES('202502131714');
INSERT INTO migrations VALUES('202502171819');
INSERT INTO migrations VALUES('202505091439');
INSERT INTO migrations VALUES('202505141324');
INSERT INTO migrations VALUES('202507021200');
INSERT INTO migrations VALUES('202510311551');
INSERT INTO migrations VALUES('202511101554-drop-old-idx');

CREATE TABLE users(
  id integer PRIMARY KEY AUTOINCREMENT,
  name text,
  display_name text,
  email text,
  provider_identifier text,
  provider text,
  profile_pic_url text,
  created_at datetime,
  updated_at datetime,
  deleted_at datetime
);
CREATE INDEX idx_users_deleted_at ON users(deleted_at);
CREATE UNIQUE INDEX idx_provider_identifier ON users(
  provider_identifier
) WHERE provider_identifier IS NOT NULL;
CREATE UNIQUE INDEX idx_name_provider_identifier ON users(
  name,
  provider_identifier
);
CREATE UNIQUE INDEX idx_name_no_provider_identifier ON users(
  name
) WHERE provider_identifier IS NULL;
INSERT INTO users VALUES(1,'ops','Operations','ops@example.org',NULL,'','','2025-11-03 08:00:00+00:00','2025-11-03 08:00:00+00:00',NULL);

CREATE TABLE pre_auth_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  key text,
  user_id integer,
  reusable numeric,
  ephemeral numeric DEFAULT false,
  used numeric DEFAULT false,
  tags text,
  expiration datetime,
  created_at datetime,
  CONSTRAINT fk_pre_auth_keys_user FOREIGN KEY(user_id) REFERENCES users(id) ON DELETE SET NULL
);
INSERT INTO pre_auth_keys VALUES(1,'8283ff85c78e3a2eadceca346811cc95a41e6c4d65b3401f',1,1,0,0,'["tag:server"]','2026-11-03 08:05:00+00:00','2025-11-03 08:05:00+00:00');

CREATE TABLE api_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  prefix text,
  hash blob,
  expiration datetime,
  last_seen datetime,
  created_at datetime
);
CREATE UNIQUE INDEX idx_api_keys_prefix ON api_keys(prefix);

CREATE TABLE nodes(
  id integer PRIMARY KEY AUTOINCREMENT,
  machine_key text,
  node_key text,
  disco_key text,
  endpoints text,
  host_info text,
  ipv4 text,
  ipv6 text,
  hostname text,
  given_name varchar(63),
  user_id integer,
  register_method text,
  forced_tags text,
  auth_key_id integer,
  last_seen datetime,
  expiry datetime,
  approved_routes text,
  created_at datetime,
  updated_at datetime,
  deleted_at datetime,
  CONSTRAINT fk_nodes_user FOREIGN KEY(user_id) REFERENCES users(id) ON DELETE CASCADE,
  CONSTRAINT fk_nodes_auth_key FOREIGN KEY(auth_key_id) REFERENCES pre_auth_keys(id)
);
INSERT INTO nodes VALUES(1,'mkey:c7044da29665bd5e53ecedd71c67b8f72d4a03907ac3aed055eec8ee3ab24491','nodekey:77dd868c5348c1ad9e5c66953bc9e2bd5cae5c10ba2182caefa72b9f9d31c444','discokey:073942c561f5117e73d20d58cfcd82ae7cdf48695c69bcde773b629dfe14e145','["198.51.100.90:41641"]','{"IPNVersion":"1.88.3","OS":"linux","Hostname":"app-1","RoutableIPs":["10.60.0.0/24"]}','100.64.0.1','fd7a:115c:a1e0::1','app-1','app-1',1,'authkey','["tag:server"]',1,'2025-11-10 10:00:00+00:00',NULL,'[]','2025-11-03 08:06:00+00:00','2025-11-10 10:00:00+00:00',NULL);
-- Registered with the same key, then `headscale nodes tag -i 2 -t tag:db`: the key's tag still counted.
INSERT INTO nodes VALUES(2,'mkey:d058b4ae37a1e84c17ba6c90451daba7c4244fd165891be36a54b199c3cc219c','nodekey:0b71eb38ecbb8d624d2637cfbbbbd0b6a361af20b6dd684e140a349a50a64b9f','discokey:46196aae4673b86af179b3888e206d475d6ea98106080b1159c23e2a01bccea5','[]','{"IPNVersion":"1.88.3","OS":"linux","Hostname":"db-1"}','100.64.0.2','fd7a:115c:a1e0::2','db-1','db-1',1,'authkey','["tag:db"]',1,'2025-11-10 10:00:00+00:00',NULL,'null','2025-11-03 08:07:00+00:00','2025-11-04 09:00:00+00:00',NULL);
-- Registered from the CLI, untagged.
INSERT INTO nodes VALUES(3,'mkey:7a9babf3e15caaca487718446241bee62e75bf456f1869118213d522df025a89','nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e','discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8','[]','{"IPNVersion":"1.88.3","OS":"macOS","Hostname":"ops-mbp"}','100.64.0.3','fd7a:115c:a1e0::3','ops-mbp','ops-mbp',1,'cli','null',NULL,'2025-11-10 10:00:00+00:00',NULL,'null','2025-11-03 09:00:00+00:00','2025-11-10 10:00:00+00:00',NULL);

CREATE TABLE policies(
  id integer PRIMARY KEY AUTOINCREMENT,
  data text,
  created_at datetime,
  updated_at datetime,
  deleted_at datetime
);
CREATE INDEX idx_policies_deleted_at ON policies(deleted_at);
