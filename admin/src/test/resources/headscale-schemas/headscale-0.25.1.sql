-- A Headscale 0.25.1 SQLite database (0.24.x has the same migrations), as a fresh install of that version leaves it:
-- the tables its gorm models of 0.25.1 make after its eleven migrations. Written for Chronoscale's import tests; the
-- rows are made up. {bcrypt:SECRET} is replaced by the test with a bcrypt hash of SECRET, as a blob.
--
-- Since 0.24: users carry OIDC's display name, e-mail and provider identifier, and a pre-auth key's tags are a JSON
-- column (migration 202409271400 dropped pre_auth_key_acl_tags). Routes are still a table, pre-auth keys still plain
-- text. A node's tags are still its forced_tags alone. A nil list is stored as JSON null.
CREATE TABLE `migrations` (`id` text,PRIMARY KEY (`id`));
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

CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`name` text,`display_name` text,`email` text,`provider_identifier` text,`provider` text,`profile_pic_url` text);
CREATE INDEX `idx_users_deleted_at` ON `users`(`deleted_at`);
CREATE UNIQUE INDEX idx_provider_identifier ON users (provider_identifier) WHERE provider_identifier IS NOT NULL;
CREATE UNIQUE INDEX idx_name_provider_identifier ON users (name,provider_identifier);
CREATE UNIQUE INDEX idx_name_no_provider_identifier ON users (name) WHERE provider_identifier IS NULL;
-- alice logged in with OIDC; bob was made with `headscale users create bob`.
INSERT INTO users VALUES(1,'2025-03-03 09:12:44.250917+00:00','2025-04-11 16:02:10.7+00:00',NULL,'alice','Alice Liddell','alice@example.com','https://id.example.com/realms/staff/6f1d2c9e-77a0-4b7e-9a43-1e2f5d8c0b31','oidc','https://id.example.com/avatar/alice.png');
INSERT INTO users VALUES(2,'2025-03-03 09:20:01.000000001+00:00','2025-03-03 09:20:01.000000001+00:00',NULL,'bob','','',NULL,'','');

CREATE TABLE `pre_auth_keys` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text,`user_id` integer,`reusable` numeric,`ephemeral` numeric DEFAULT false,`used` numeric DEFAULT false,`tags` text,`created_at` datetime,`expiration` datetime,CONSTRAINT `fk_pre_auth_keys_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE SET NULL);
INSERT INTO pre_auth_keys VALUES(1,'8283ff85c78e3a2eadceca346811cc95a41e6c4d65b3401f',2,0,0,1,'["tag:router"]','2025-03-04 10:00:00+00:00','2025-03-05 10:00:00+00:00');
INSERT INTO pre_auth_keys VALUES(2,'3eaaa9b1456d17d6d7b57ec17b53ecd84a31c8bd8527eb5c',2,1,0,0,'null','2025-03-04 10:05:00+00:00','2026-03-04 10:05:00+00:00');
INSERT INTO pre_auth_keys VALUES(3,'49b7bb9ae1e6f6511a3717e519fa9fe1fbc079df7bd34e47',2,0,1,1,'[]','2025-03-06 07:30:00+00:00','2025-03-06 08:30:00+00:00');
INSERT INTO pre_auth_keys VALUES(4,'7969a2c8cd2130b579b2d65fa957f008b8d8305e4608b6b4',1,1,0,0,'["tag:dev","tag:test"]','2025-03-07 12:00:00+00:00','2025-06-05 12:00:00+00:00');

CREATE TABLE `nodes` (`id` integer PRIMARY KEY AUTOINCREMENT,`machine_key` text,`node_key` text,`disco_key` text,`endpoints` text,`host_info` text,`ipv4` text,`ipv6` text,`hostname` text,`given_name` varchar(63),`user_id` integer,`register_method` text,`forced_tags` text,`auth_key_id` integer,`last_seen` datetime,`expiry` datetime,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,CONSTRAINT `fk_nodes_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE,CONSTRAINT `fk_nodes_auth_key` FOREIGN KEY (`auth_key_id`) REFERENCES `pre_auth_keys`(`id`));
INSERT INTO nodes VALUES(1,'mkey:6d54404f3ea3bfe977f8f6041f9a1be78b6cf0aa4b9f9306fb38a4853a4d535c','nodekey:670e48fab2ecf5d14de158efaf67b71380de39413e1dc3db9a141234b7ddd158','discokey:70ca99ff5756da1fd7ed5b5e166bc82d09460c7c8c97e8e703246a3da9153691','["192.0.2.33:41641"]','{"IPNVersion":"1.80.2-tdb4ab6f2b","OS":"macOS","OSVersion":"15.3.1","Hostname":"alice-mbp"}','100.64.0.1','fd7a:115c:a1e0::1','alice-mbp','alice-mbp',1,'oidc','null',NULL,'2025-04-11 16:02:10.7+00:00','2025-09-01 09:12:50.5+00:00','2025-03-03 09:12:50.5+00:00','2025-04-11 16:02:10.7+00:00',NULL);
-- Registered with key 1 (tag:router, copied into the forced tags), then `headscale nodes tag -i 2 -t tag:edge`.
INSERT INTO nodes VALUES(2,'mkey:c7044da29665bd5e53ecedd71c67b8f72d4a03907ac3aed055eec8ee3ab24491','nodekey:77dd868c5348c1ad9e5c66953bc9e2bd5cae5c10ba2182caefa72b9f9d31c444','discokey:073942c561f5117e73d20d58cfcd82ae7cdf48695c69bcde773b629dfe14e145','["198.51.100.20:41641"]','{"IPNVersion":"1.80.2","OS":"linux","OSVersion":"6.6.74","Hostname":"edge-router","RoutableIPs":["10.42.0.0/16","0.0.0.0/0","::/0"]}','100.64.0.2','fd7a:115c:a1e0::2','edge-router','edge-router',2,'authkey','["tag:edge"]',1,'2025-04-11 16:00:00+00:00',NULL,'2025-03-04 10:01:12+00:00','2025-04-11 16:00:00+00:00',NULL);
-- Tagged from the CLI (`headscale nodes tag`); no expiry, written as Go's zero time.
INSERT INTO nodes VALUES(3,'mkey:d058b4ae37a1e84c17ba6c90451daba7c4244fd165891be36a54b199c3cc219c','nodekey:0b71eb38ecbb8d624d2637cfbbbbd0b6a361af20b6dd684e140a349a50a64b9f','discokey:46196aae4673b86af179b3888e206d475d6ea98106080b1159c23e2a01bccea5','[]','{"IPNVersion":"1.78.1","OS":"linux","Hostname":"nas"}','100.64.0.3','fd7a:115c:a1e0::3','nas','bob-nas',2,'authkey','["tag:nas"]',2,'2025-04-10 02:00:00+00:00','0001-01-01 00:00:00+00:00','2025-03-04 10:06:30+00:00','2025-04-10 02:00:00+00:00',NULL);
INSERT INTO nodes VALUES(4,'mkey:7a9babf3e15caaca487718446241bee62e75bf456f1869118213d522df025a89','nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e','discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8','["203.0.113.41:41641"]','{"IPNVersion":"1.80.2","OS":"linux","Hostname":"ci-9"}','100.64.0.4','fd7a:115c:a1e0::4','ci-9','ci-9',2,'authkey','null',3,NULL,NULL,'2025-03-06 07:31:00+00:00','2025-03-06 07:31:00+00:00',NULL);
-- Registered with key 2 before nas was; deleted since.
INSERT INTO nodes VALUES(5,'mkey:4e37aee884e6e43665e1e84467d5fedaa3cc30d6b8124ba10c76da996e5071ea','nodekey:a8b2114bc97dce2c8516f887159b28d488afdc128ef15d0bceaf15be44d290ea','discokey:811ad11fbc7101bfcefec02ff97618c3630e73ed07d1dc35f896af4836eb0aea','[]','{"OS":"linux","Hostname":"old-nas"}','100.64.0.5','fd7a:115c:a1e0::5','old-nas','old-nas',2,'authkey','null',2,NULL,NULL,'2025-03-04 10:05:30+00:00','2025-03-20 00:00:00+00:00','2025-03-20 00:00:00+00:00');

CREATE TABLE `routes` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`node_id` integer NOT NULL,`prefix` text,`advertised` numeric,`enabled` numeric,`is_primary` numeric,CONSTRAINT `fk_nodes_routes` FOREIGN KEY (`node_id`) REFERENCES `nodes`(`id`) ON DELETE CASCADE);
CREATE INDEX `idx_routes_deleted_at` ON `routes`(`deleted_at`);
INSERT INTO routes VALUES(1,'2025-03-04 10:01:20+00:00','2025-03-04 11:00:00+00:00',NULL,2,'10.42.0.0/16',1,1,1);
INSERT INTO routes VALUES(2,'2025-03-04 10:01:20+00:00','2025-03-04 10:01:20+00:00',NULL,2,'0.0.0.0/0',1,0,0);
INSERT INTO routes VALUES(3,'2025-03-04 10:01:20+00:00','2025-03-04 10:01:20+00:00',NULL,2,'::/0',1,0,0);
-- Approved while the router advertised it; the router stopped advertising it since.
INSERT INTO routes VALUES(4,'2025-03-04 10:01:20+00:00','2025-04-01 00:00:00+00:00',NULL,2,'192.168.77.0/24',0,1,0);

CREATE TABLE `api_keys` (`id` integer PRIMARY KEY AUTOINCREMENT,`prefix` text,`hash` blob,`created_at` datetime,`expiration` datetime,`last_seen` datetime);
CREATE UNIQUE INDEX `idx_api_keys_prefix` ON `api_keys`(`prefix`);
INSERT INTO api_keys VALUES(1,'Ue5Yrl6',{bcrypt:HWuNGP3ekz61xP7lRO_OnsOaSB6I7TX0},'2025-03-03 09:30:00+00:00','2025-06-01 09:30:00+00:00','2025-04-11 15:00:00+00:00');

CREATE TABLE `policies` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`data` text);
CREATE INDEX `idx_policies_deleted_at` ON `policies`(`deleted_at`);
INSERT INTO policies VALUES(1,'2025-03-03 09:10:00+00:00','2025-03-03 09:10:00+00:00',NULL,'{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}');
INSERT INTO policies VALUES(2,'2025-03-10 14:00:00+00:00','2025-03-10 14:00:00+00:00',NULL,'{"tagOwners": {"tag:router": ["bob@"], "tag:edge": ["bob@"], "tag:nas": ["bob@"]}, "acls": [{"action": "accept", "src": ["alice@example.com"], "dst": ["*:*"]}]}');
INSERT INTO policies VALUES(3,'2025-03-11 08:00:00+00:00','2025-03-11 09:00:00+00:00','2025-03-11 09:00:00+00:00','{"acls": []}');
