-- A Headscale 0.28.0 SQLite database that was upgraded from 0.27: the tables of 0.27's schema.sql, to which 0.28's
-- migrations added pre_auth_keys.prefix and .hash and renamed nodes.forced_tags to tags. Written for Chronoscale's
-- import tests; the rows are made up. {bcrypt:SECRET} is replaced by the test with a bcrypt hash of SECRET, as a blob.
--
-- Since 0.26 approved routes are a node's column and advertised ones its Hostinfo's RoutableIPs. Since 0.28 a
-- pre-auth key is a prefix and a bcrypt hash (keys made before keep their plain text in `key`), and a node's tags
-- column alone says its tags: a tagged key's tags are copied there at registration, and `headscale nodes tag`
-- replaces them. 0.28.0 still keeps the user of a tagged node (0.29 clears it) and Go's zero time as an expiry.
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
INSERT INTO migrations VALUES('202511011637-preauthkey-bcrypt');
INSERT INTO migrations VALUES('202511122344-remove-newline-index');
INSERT INTO migrations VALUES('202511131445-node-forced-tags-to-tags');
INSERT INTO migrations VALUES('202601121700-migrate-hostinfo-request-tags');

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
INSERT INTO users VALUES(1,'alice','','alice@example.net',NULL,'','','2025-08-01 10:00:00.100200300+00:00','2025-08-01 10:00:00.100200300+00:00',NULL);
INSERT INTO users VALUES(2,'bob','Bob B.','',NULL,'','','2025-08-01 10:00:05+00:00','2025-08-01 10:00:05+00:00',NULL);

CREATE TABLE pre_auth_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  key text,
  user_id integer,
  reusable numeric,
  ephemeral numeric DEFAULT false,
  used numeric DEFAULT false,
  tags text,
  expiration datetime,
  created_at datetime, `prefix` text, `hash` blob,
  CONSTRAINT fk_pre_auth_keys_user FOREIGN KEY(user_id) REFERENCES users(id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX idx_pre_auth_keys_prefix ON pre_auth_keys(prefix) WHERE prefix IS NOT NULL AND prefix != '';
-- Made by 0.27, in plain text.
INSERT INTO pre_auth_keys VALUES(1,'9f164376f51252fa54338281997b61267af2ddfe03a879c7',1,1,0,0,'[]','2026-08-01 10:10:00+00:00','2025-08-01 10:10:00+00:00',NULL,NULL);
-- Made by 0.28: hskey-auth-<prefix>-<secret>, of which only the prefix and a bcrypt hash of the secret are kept.
INSERT INTO pre_auth_keys VALUES(2,'',1,1,0,0,'["tag:server"]','2026-12-01 09:00:00+00:00','2025-12-01 09:00:00+00:00','d5dB-kkynzCh',{bcrypt:RGcYPkis79Nwzt3FrudmY1GsqIwZA83bv-FF3YTbiVieESe38Z5NwMyk_H4Uzhcn});
INSERT INTO pre_auth_keys VALUES(3,'',2,0,1,1,'null','2025-12-02 10:00:00+00:00','2025-12-02 09:00:00+00:00','y7l7v2h5o9rM',{bcrypt:kpI1KZod1Xe-LpeLuMdShmzz5944Uq00Jv2q4vwXTycMSWBIoLctDgpVHnKkt_iD});

CREATE TABLE api_keys(
  id integer PRIMARY KEY AUTOINCREMENT,
  prefix text,
  hash blob,
  expiration datetime,
  last_seen datetime,
  created_at datetime
);
CREATE UNIQUE INDEX idx_api_keys_prefix ON api_keys(prefix);
-- Made by 0.27 (<prefix>.<secret>) and by 0.28 (hskey-api-<prefix>-<secret>); both hashed with bcrypt.
INSERT INTO api_keys VALUES(1,'YL0XQ_3',{bcrypt:y_SO-uwZtZCFk3UFwotKEAWfPGhgDqd1},'2025-10-30 10:00:00+00:00',NULL,'2025-08-01 10:20:00+00:00');
INSERT INTO api_keys VALUES(2,'NW3bFUfjANyv',{bcrypt:o-6fo_VjwnWiWUco9e-TPkGMoGzzu3128al3gfnd3XnaSQWmi9xS3LMpPD9Lx8OL},'2026-03-01 09:05:00+00:00','2025-12-20 18:00:00+00:00','2025-12-01 09:05:00+00:00');

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
-- Registered under 0.27 with the plain-text key; its zero-time expiry is still there in 0.28.0.
INSERT INTO nodes VALUES(1,'mkey:4e37aee884e6e43665e1e84467d5fedaa3cc30d6b8124ba10c76da996e5071ea','nodekey:a8b2114bc97dce2c8516f887159b28d488afdc128ef15d0bceaf15be44d290ea','discokey:811ad11fbc7101bfcefec02ff97618c3630e73ed07d1dc35f896af4836eb0aea','["192.0.2.50:41641"]','{"IPNVersion":"1.90.6-t1a2b3c4d5","OS":"windows","OSVersion":"10.0.26100.4946","Hostname":"ALICE-PC"}','100.64.0.1','fd7a:115c:a1e0::1','ALICE-PC','alice-pc',1,'authkey','null',1,'2025-12-20 18:00:00+00:00','0001-01-01 00:00:00+00:00','[]','2025-08-01 10:11:00+00:00','2025-12-20 18:00:00+00:00',NULL);
INSERT INTO nodes VALUES(2,'mkey:36e3fe08ebac0bc2c79a1073cc9b84c380da8782ed8d32c739bd797a8226d632','nodekey:7707871a1ba1aa5a78562d7c3b6bd3a66303ea3205bf8d419309b95c9a34fdef','discokey:e38c03e0a74f1b15e8a25ed949e723d3f98028ea9ce4ea2bd02b89b5d98ffd16','["198.51.100.60:41641"]','{"IPNVersion":"1.90.6","OS":"linux","OSVersion":"6.12.48","Hostname":"web-1","RoutableIPs":["10.20.0.0/24","0.0.0.0/0","::/0"]}','100.64.0.2','fd7a:115c:a1e0::2','web-1','web-1',1,'authkey','["tag:server"]',2,'2025-12-20 18:00:00+00:00',NULL,'["10.20.0.0/24"]','2025-12-01 09:10:00+00:00','2025-12-20 18:00:00+00:00',NULL);
-- Registered with the same tagged key, then retagged with `headscale nodes tag -i 3 -t tag:web`.
INSERT INTO nodes VALUES(3,'mkey:0e2ac21f3b4c698c24d7f06c6066595248627e842370b0ed959e69853651a708','nodekey:bbe642ee0b28c1307c00a137a7b62235b9bd1535bdb13f39d20f0540f9f9c000','discokey:07e7a7106eff32bdf6600009846210ed2daa0f48fae7e88ff013d293ea369db9','["198.51.100.61:41641"]','{"IPNVersion":"1.90.6","OS":"linux","Hostname":"web-2"}','100.64.0.3','fd7a:115c:a1e0::3','web-2','web-2',1,'authkey','["tag:web"]',2,'2025-12-20 18:00:00+00:00',NULL,'null','2025-12-01 09:12:00+00:00','2025-12-05 12:00:00+00:00',NULL);
INSERT INTO nodes VALUES(4,'mkey:a311348d77a43e94920d22859a048ea6f7a48cb88cb7c3b97e357e01411120b1','nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e','discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8','[]','{"IPNVersion":"1.90.6","OS":"linux","Hostname":"build-42"}','100.64.0.4','fd7a:115c:a1e0::4','build-42','build-42',2,'authkey','null',3,NULL,NULL,'null','2025-12-02 09:01:00+00:00','2025-12-02 09:01:00+00:00',NULL);

CREATE TABLE policies(
  id integer PRIMARY KEY AUTOINCREMENT,
  data text,
  created_at datetime,
  updated_at datetime,
  deleted_at datetime
);
CREATE INDEX idx_policies_deleted_at ON policies(deleted_at);
INSERT INTO policies VALUES(1,'{"tagOwners": {"tag:server": ["alice@"], "tag:web": ["alice@"]}, "acls": [{"action": "accept", "src": ["autogroup:member"], "dst": ["tag:web:443"]}]}','2025-08-01 10:05:00+00:00','2025-08-01 10:05:00+00:00',NULL);
