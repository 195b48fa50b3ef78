-- A Headscale 0.29.2 SQLite database as a fresh install of that version leaves it: the tables of its schema.sql,
-- and every migration of its list recorded as done (it no longer carries the migrations of before 0.26). Written
-- for Chronoscale's import tests; the rows are made up. {bcrypt:SECRET} is replaced by the test with a bcrypt hash
-- of SECRET, as a blob.
--
-- Since 0.29 a tagged node has no user (user_id NULL), a tagged pre-auth key may have none either, and no expiry
-- is NULL. A nil list is stored as JSON null.
CREATE TABLE migrations(id text,PRIMARY KEY(id));
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
INSERT INTO migrations VALUES('202511011637-preauthkey-bcrypt');
INSERT INTO migrations VALUES('202511122344-remove-newline-index');
INSERT INTO migrations VALUES('202511131445-node-forced-tags-to-tags');
INSERT INTO migrations VALUES('202601121700-migrate-hostinfo-request-tags');
INSERT INTO migrations VALUES('202602201200-clear-tagged-node-user-id');
INSERT INTO migrations VALUES('202605221435-clear-zero-time-node-expiry');
INSERT INTO migrations VALUES('202606181200-recover-null-tags-node-user-id');

CREATE TABLE database_versions(
  id integer PRIMARY KEY,
  version text NOT NULL,
  updated_at datetime
);
INSERT INTO database_versions VALUES(1,'v0.29.2','2026-07-01 08:00:00+00:00');

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
CREATE UNIQUE INDEX idx_provider_identifier ON users(provider_identifier) WHERE provider_identifier IS NOT NULL;
CREATE UNIQUE INDEX idx_name_provider_identifier ON users(name, provider_identifier);
CREATE UNIQUE INDEX idx_name_no_provider_identifier ON users(name) WHERE provider_identifier IS NULL;
INSERT INTO users VALUES(1,'alice','Alice Liddell','alice@example.com','https://accounts.example.com/109876543210987654321','oidc','','2026-07-01 08:05:00.5+00:00','2026-07-01 08:05:00.5+00:00',NULL);
INSERT INTO users VALUES(2,'bob','','',NULL,'','','2026-07-01 08:06:00+00:00','2026-07-01 08:06:00+00:00',NULL);

CREATE TABLE pre_auth_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  key text,
  prefix text,
  hash blob,
  user_id integer,
  reusable numeric,
  ephemeral numeric DEFAULT false,
  used numeric DEFAULT false,
  tags text,
  expiration datetime,

  created_at datetime,

  CONSTRAINT fk_pre_auth_keys_user FOREIGN KEY(user_id) REFERENCES users(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX idx_pre_auth_keys_prefix ON pre_auth_keys(prefix) WHERE prefix IS NOT NULL AND prefix != '';
-- A tagged key made without --user: it belongs to no one.
INSERT INTO pre_auth_keys VALUES(1,'','kyOiWdJkZvYP',{bcrypt:leCGOxpG7oaaqFEUG8IEffkWb9-mmDFw7CtKRs7sMbTGhsuofKzNF14GJ_hocVng},NULL,1,0,0,'["tag:ci","tag:server"]','2027-07-01 08:10:00+00:00','2026-07-01 08:10:00+00:00');
INSERT INTO pre_auth_keys VALUES(2,'','8svRzqmaRKr4',{bcrypt:GK9wonIrwcAqkdGfmu6YkrVbBxKR9MOQIU3QoMFts-FeLtEnvHlVFR-n2ze1fSnn},2,0,0,1,'null','2026-07-02 08:12:00+00:00','2026-07-01 08:12:00+00:00');

CREATE TABLE api_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  prefix text,
  hash blob,
  expiration datetime,
  last_seen datetime,

  created_at datetime
);
CREATE UNIQUE INDEX idx_api_keys_prefix ON api_keys(prefix);
INSERT INTO api_keys VALUES(1,'TVYFMHEtsmA-',{bcrypt:ptKhNCVLxJ2d-2Efzoa8xu2EoT_v3lQZq1jJixFyahnZiqLcPtvjtMflZ_Csx26A},'2026-09-29 08:00:00+00:00',NULL,'2026-07-01 08:00:30+00:00');

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
  tags text,
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
INSERT INTO nodes VALUES(1,'mkey:6d54404f3ea3bfe977f8f6041f9a1be78b6cf0aa4b9f9306fb38a4853a4d535c','nodekey:670e48fab2ecf5d14de158efaf67b71380de39413e1dc3db9a141234b7ddd158','discokey:70ca99ff5756da1fd7ed5b5e166bc82d09460c7c8c97e8e703246a3da9153691','["203.0.113.70:41641"]','{"IPNVersion":"1.94.1-t0e1f2a3b4","OS":"linux","OSVersion":"6.12.57","Hostname":"runner-1","RoutableIPs":["172.30.0.0/16"]}','100.64.0.1','fd7a:115c:a1e0::1','runner-1','runner-1',NULL,'authkey','["tag:ci","tag:server"]',1,'2026-07-10 12:00:00+00:00',NULL,'["172.30.0.0/16"]','2026-07-01 08:11:00+00:00','2026-07-10 12:00:00+00:00',NULL);
INSERT INTO nodes VALUES(2,'mkey:c7044da29665bd5e53ecedd71c67b8f72d4a03907ac3aed055eec8ee3ab24491','nodekey:77dd868c5348c1ad9e5c66953bc9e2bd5cae5c10ba2182caefa72b9f9d31c444','discokey:073942c561f5117e73d20d58cfcd82ae7cdf48695c69bcde773b629dfe14e145','["192.0.2.80:41641"]','{"IPNVersion":"1.94.1","OS":"linux","Hostname":"bob-laptop","RoutableIPs":["192.168.1.0/24"]}','100.64.0.2','fd7a:115c:a1e0::2','bob-laptop','bob-laptop',2,'authkey','null',2,'2026-07-10 12:00:00+00:00','2026-12-28 08:13:00+00:00','[]','2026-07-01 08:13:00+00:00','2026-07-10 12:00:00+00:00',NULL);
INSERT INTO nodes VALUES(3,'mkey:d058b4ae37a1e84c17ba6c90451daba7c4244fd165891be36a54b199c3cc219c','nodekey:0b71eb38ecbb8d624d2637cfbbbbd0b6a361af20b6dd684e140a349a50a64b9f','discokey:46196aae4673b86af179b3888e206d475d6ea98106080b1159c23e2a01bccea5','[]','{"IPNVersion":"1.94.1","OS":"iOS","OSVersion":"26.0","Hostname":"alices-iphone"}','100.64.0.3',NULL,'alices-iphone','alices-iphone',1,'oidc','[]',NULL,'2026-07-10 11:00:00+00:00',NULL,'null','2026-07-02 07:00:00+00:00','2026-07-10 11:00:00+00:00',NULL);
INSERT INTO nodes VALUES(4,'mkey:7a9babf3e15caaca487718446241bee62e75bf456f1869118213d522df025a89','nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e','discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8','[]','{}','100.64.0.4','fd7a:115c:a1e0::4','gone','gone',2,'cli','null',NULL,NULL,NULL,'null','2026-07-03 07:00:00+00:00','2026-07-04 07:00:00+00:00','2026-07-04 07:00:00+00:00');

CREATE TABLE policies(
  id integer PRIMARY KEY AUTOINCREMENT,
  data text,

  created_at datetime,
  updated_at datetime,
  deleted_at datetime
);
CREATE INDEX idx_policies_deleted_at ON policies(deleted_at);
INSERT INTO policies VALUES(1,'{"tagOwners": {"tag:ci": ["alice@example.com"], "tag:server": ["alice@example.com"]}, "acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*", "tag:server:22"]}]}','2026-07-01 08:07:00+00:00','2026-07-01 08:07:00+00:00',NULL);
