-- A Headscale 0.23.0 SQLite database as a fresh install of that version leaves it: the tables its gorm models of
-- 0.23.0 make (hscontrol/types at v0.23.0) after its five migrations. Written for Chronoscale's import tests; the
-- rows are made up. {bcrypt:SECRET} is replaced by the test with a bcrypt hash of SECRET, as a blob.
--
-- What this schema has that later ones do not: routes in their own table (advertised / enabled per row), a
-- pre-auth key's tags as rows of pre_auth_key_acl_tags, pre-auth keys in plain text, users with a name only. A node's
-- tags are its forced_tags: registration copies the key's tags there, and `headscale nodes tag` replaces them.
CREATE TABLE `migrations` (`id` text,PRIMARY KEY (`id`));
INSERT INTO migrations VALUES('202312101416');
INSERT INTO migrations VALUES('202312101430');
INSERT INTO migrations VALUES('202402151347');
INSERT INTO migrations VALUES('2024041121742');
INSERT INTO migrations VALUES('202406021630');

CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`name` text UNIQUE);
CREATE INDEX `idx_users_deleted_at` ON `users`(`deleted_at`);
INSERT INTO users VALUES(1,'2024-09-20 08:15:02.118734512+00:00','2024-09-20 08:15:02.118734512+00:00',NULL,'alice');
INSERT INTO users VALUES(2,'2024-09-20 08:15:40.902110333+00:00','2024-09-20 08:15:40.902110333+00:00',NULL,'bob');
-- carol was removed, gorm's soft delete.
INSERT INTO users VALUES(3,'2024-09-21 10:00:00.5+00:00','2024-10-01 12:00:00+00:00','2024-10-01 12:00:00+00:00','carol');

CREATE TABLE `pre_auth_keys` (`id` integer PRIMARY KEY AUTOINCREMENT,`key` text,`user_id` integer,`reusable` numeric,`ephemeral` numeric DEFAULT false,`used` numeric DEFAULT false,`created_at` datetime,`expiration` datetime,CONSTRAINT `fk_pre_auth_keys_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE);
INSERT INTO pre_auth_keys VALUES(1,'7969a2c8cd2130b579b2d65fa957f008b8d8305e4608b6b4',1,1,0,0,'2024-09-20 08:20:11.4211+00:00','2025-09-20 08:20:11.4189+00:00');
INSERT INTO pre_auth_keys VALUES(2,'3dffe4bd8958d7760cdbf67ce5e7873f36a6b6ef433f8109',1,1,0,0,'2024-09-20 08:21:30.7+00:00','2025-09-20 08:21:30.69+00:00');
INSERT INTO pre_auth_keys VALUES(3,'49b7bb9ae1e6f6511a3717e519fa9fe1fbc079df7bd34e47',2,0,1,1,'2024-09-22 14:02:59.000001+00:00','2024-09-22 15:02:59+00:00');
INSERT INTO pre_auth_keys VALUES(4,'9f164376f51252fa54338281997b61267af2ddfe03a879c7',2,0,0,0,'2024-09-23 09:00:00+00:00','2024-09-24 09:00:00+00:00');

CREATE TABLE `pre_auth_key_acl_tags` (`id` integer PRIMARY KEY AUTOINCREMENT,`pre_auth_key_id` integer,`tag` text,CONSTRAINT `fk_pre_auth_keys_acl_tags` FOREIGN KEY (`pre_auth_key_id`) REFERENCES `pre_auth_keys`(`id`) ON DELETE CASCADE);
INSERT INTO pre_auth_key_acl_tags VALUES(1,2,'tag:router');
INSERT INTO pre_auth_key_acl_tags VALUES(2,2,'tag:exit');

CREATE TABLE `nodes` (`id` integer PRIMARY KEY AUTOINCREMENT,`machine_key` text,`node_key` text,`disco_key` text,`endpoints` text,`host_info` text,`ipv4` text,`ipv6` text,`hostname` text,`given_name` varchar(63),`user_id` integer,`register_method` text,`forced_tags` text,`auth_key_id` integer,`last_seen` datetime,`expiry` datetime,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,CONSTRAINT `fk_nodes_user` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE,CONSTRAINT `fk_nodes_auth_key` FOREIGN KEY (`auth_key_id`) REFERENCES `pre_auth_keys`(`id`) ON DELETE SET NULL);
INSERT INTO nodes VALUES(1,'mkey:4e37aee884e6e43665e1e84467d5fedaa3cc30d6b8124ba10c76da996e5071ea','nodekey:a8b2114bc97dce2c8516f887159b28d488afdc128ef15d0bceaf15be44d290ea','discokey:811ad11fbc7101bfcefec02ff97618c3630e73ed07d1dc35f896af4836eb0aea','["192.0.2.10:41641","[2001:db8::10]:41641"]','{"IPNVersion":"1.74.1-t9c5a2b3e1","OS":"linux","OSVersion":"6.8.0-45-generic","Hostname":"alice-laptop","RoutableIPs":null}','100.64.0.1','fd7a:115c:a1e0::1','alice-laptop','alice-laptop',1,'authkey','[]',1,'2024-10-02 17:40:00.25+00:00',NULL,'2024-09-20 08:22:03.551260411+00:00','2024-10-02 17:40:00.25+00:00',NULL);
-- Registered with key 2, whose tags registration copied into the forced tags.
INSERT INTO nodes VALUES(2,'mkey:36e3fe08ebac0bc2c79a1073cc9b84c380da8782ed8d32c739bd797a8226d632','nodekey:7707871a1ba1aa5a78562d7c3b6bd3a66303ea3205bf8d419309b95c9a34fdef','discokey:e38c03e0a74f1b15e8a25ed949e723d3f98028ea9ce4ea2bd02b89b5d98ffd16','["198.51.100.7:41641"]','{"IPNVersion":"1.74.1-t9c5a2b3e1","OS":"linux","OSVersion":"6.1.0-25-amd64","Hostname":"gateway","RoutableIPs":["10.10.0.0/24","192.168.50.0/24","0.0.0.0/0","::/0"]}','100.64.0.2','fd7a:115c:a1e0::2','gateway','gw-office',1,'authkey','["tag:router","tag:exit"]',2,'2024-10-02 17:41:00+00:00','2025-03-19 08:23:00+00:00','2024-09-20 08:23:00+00:00','2024-10-02 17:41:00+00:00',NULL);
-- Registered from the CLI; Headscale of this version persisted "no expiry" as Go's zero time.
INSERT INTO nodes VALUES(3,'mkey:0e2ac21f3b4c698c24d7f06c6066595248627e842370b0ed959e69853651a708','nodekey:bbe642ee0b28c1307c00a137a7b62235b9bd1535bdb13f39d20f0540f9f9c000','discokey:07e7a7106eff32bdf6600009846210ed2daa0f48fae7e88ff013d293ea369db9','[]','{"IPNVersion":"1.72.0","OS":"iOS","OSVersion":"17.6.1","Hostname":"bobs-iphone"}','100.64.0.3','fd7a:115c:a1e0::3','bobs-iphone','bobs-iphone',2,'cli','[]',NULL,'2024-10-01 07:00:00+00:00','0001-01-01 00:00:00+00:00','2024-09-21 19:30:12.1+00:00','2024-10-01 07:00:00+00:00',NULL);
INSERT INTO nodes VALUES(4,'mkey:a311348d77a43e94920d22859a048ea6f7a48cb88cb7c3b97e357e01411120b1','nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e','discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8','["203.0.113.40:41641"]','{"IPNVersion":"1.74.1","OS":"linux","Hostname":"ci-runner-7"}','100.64.0.4',NULL,'ci-runner-7','ci-runner-7',2,'authkey',NULL,3,NULL,NULL,'2024-09-22 14:05:00+00:00','2024-09-22 14:05:00+00:00',NULL);

CREATE TABLE `routes` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`node_id` integer,`prefix` text,`advertised` numeric,`enabled` numeric,`is_primary` numeric,CONSTRAINT `fk_nodes_routes` FOREIGN KEY (`node_id`) REFERENCES `nodes`(`id`) ON DELETE CASCADE);
CREATE INDEX `idx_routes_deleted_at` ON `routes`(`deleted_at`);
INSERT INTO routes VALUES(1,'2024-09-20 08:23:05+00:00','2024-09-20 09:00:00+00:00',NULL,2,'10.10.0.0/24',1,1,1);
INSERT INTO routes VALUES(2,'2024-09-20 08:23:05+00:00','2024-09-20 08:23:05+00:00',NULL,2,'192.168.50.0/24',1,0,0);
INSERT INTO routes VALUES(3,'2024-09-20 08:23:05+00:00','2024-09-20 09:00:00+00:00',NULL,2,'0.0.0.0/0',1,1,0);
INSERT INTO routes VALUES(4,'2024-09-20 08:23:05+00:00','2024-09-20 09:00:00+00:00',NULL,2,'::/0',1,1,0);
-- Enabled once, then deleted with `headscale routes delete`: gorm's soft delete.
INSERT INTO routes VALUES(5,'2024-09-20 08:23:05+00:00','2024-09-25 10:00:00+00:00','2024-09-25 10:00:00+00:00',2,'172.16.0.0/12',1,1,0);

CREATE TABLE `api_keys` (`id` integer PRIMARY KEY AUTOINCREMENT,`prefix` text,`hash` blob,`created_at` datetime,`expiration` datetime,`last_seen` datetime);
CREATE UNIQUE INDEX `idx_api_keys_prefix` ON `api_keys`(`prefix`);
INSERT INTO api_keys VALUES(1,'IPeTvs7',{bcrypt:Py_LGSO1b5tO4Moi_xLCm1IqAdDxret5},'2024-09-20 08:30:00.123+00:00','2024-12-19 08:30:00.12+00:00',NULL);

CREATE TABLE `policies` (`id` integer PRIMARY KEY AUTOINCREMENT,`created_at` datetime,`updated_at` datetime,`deleted_at` datetime,`data` text);
CREATE INDEX `idx_policies_deleted_at` ON `policies`(`deleted_at`);
INSERT INTO policies VALUES(1,'2024-09-20 08:16:00+00:00','2024-09-20 08:16:00+00:00',NULL,'{"acls": [{"action": "accept", "src": ["*"], "dst": ["*:*"]}]}');
INSERT INTO policies VALUES(2,'2024-09-24 11:00:00+00:00','2024-09-24 11:00:00+00:00',NULL,'{
  // only alice reaches the gateway
  "tagOwners": {"tag:router": ["alice"], "tag:exit": ["alice"]},
  "acls": [{"action": "accept", "src": ["alice"], "dst": ["tag:router:*"]}]
}');
