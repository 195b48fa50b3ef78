package dev.chronoscale.admin.migration;

import dev.chronoscale.admin.migration.ImportPlan.ApiKey;
import dev.chronoscale.admin.migration.ImportPlan.Node;
import dev.chronoscale.admin.migration.ImportPlan.PreAuthKey;
import dev.chronoscale.admin.migration.ImportPlan.User;
import dev.chronoscale.domain.DomainException;
import dev.chronoscale.domain.SecretKey;
import dev.chronoscale.domain.node.RegisterMethod;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import static dev.chronoscale.domain.SecretKey.API_MARKER;
import static dev.chronoscale.domain.SecretKey.PREAUTH_MARKER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@link HeadscaleDatabase} against SQLite databases in the schemas of Headscale 0.23.0, 0.25.1, 0.27.1, 0.28.0
 * (upgraded from 0.27) and 0.29.2 (a fresh install), each built here from DDL and rows written after that version's migrations
 * and gorm models ({@code headscale-schemas/*.sql}), and opened as {@code import headscale --from sqlite:PATH} opens
 * it. The bcrypt hashes in them are made here, cost 4, from the secrets the tests present.
 */
class HeadscaleSchemasTest {

    private static final Pattern BCRYPT_PLACEHOLDER = Pattern.compile("\\{bcrypt:([A-Za-z0-9_-]+)}");
    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    @Test
    void headscale0230() throws Exception {
        ImportPlan plan = read("headscale-0.23.0");

        assertThat(plan.sourceSchema()).isEqualTo("202406021630");
        assertThat(plan.source()).isEqualTo("headscale sqlite:" + dir.resolve("headscale-0.23.0.sqlite"));
        assertThat(plan.notCarried()).isEmpty();
        // A user had a name only; carol was soft-deleted.
        assertThat(plan.users()).extracting(User::id, User::name, User::displayName, User::email,
                User::providerIdentifier, User::createdAt).containsExactly(
                tuple(1L, "alice", null, null, null, Instant.parse("2024-09-20T08:15:02.118734512Z")),
                tuple(2L, "bob", null, null, null, Instant.parse("2024-09-20T08:15:40.902110333Z")));

        assertThat(plan.nodes()).extracting(Node::id, Node::machineKey, Node::nodeKey, Node::discoKey, Node::ipv4,
                Node::ipv6, Node::hostname, Node::givenName).containsExactly(
                tuple(1L, "mkey:4e37aee884e6e43665e1e84467d5fedaa3cc30d6b8124ba10c76da996e5071ea",
                        "nodekey:a8b2114bc97dce2c8516f887159b28d488afdc128ef15d0bceaf15be44d290ea",
                        "discokey:811ad11fbc7101bfcefec02ff97618c3630e73ed07d1dc35f896af4836eb0aea",
                        "100.64.0.1", "fd7a:115c:a1e0::1", "alice-laptop", "alice-laptop"),
                tuple(2L, "mkey:36e3fe08ebac0bc2c79a1073cc9b84c380da8782ed8d32c739bd797a8226d632",
                        "nodekey:7707871a1ba1aa5a78562d7c3b6bd3a66303ea3205bf8d419309b95c9a34fdef",
                        "discokey:e38c03e0a74f1b15e8a25ed949e723d3f98028ea9ce4ea2bd02b89b5d98ffd16",
                        "100.64.0.2", "fd7a:115c:a1e0::2", "gateway", "gw-office"),
                tuple(3L, "mkey:0e2ac21f3b4c698c24d7f06c6066595248627e842370b0ed959e69853651a708",
                        "nodekey:bbe642ee0b28c1307c00a137a7b62235b9bd1535bdb13f39d20f0540f9f9c000",
                        "discokey:07e7a7106eff32bdf6600009846210ed2daa0f48fae7e88ff013d293ea369db9",
                        "100.64.0.3", "fd7a:115c:a1e0::3", "bobs-iphone", "bobs-iphone"),
                tuple(4L, "mkey:a311348d77a43e94920d22859a048ea6f7a48cb88cb7c3b97e357e01411120b1",
                        "nodekey:392de0fce84bae1dc1dea31d0b116273c99da7a19ef0e451a72a16f7052c916e",
                        "discokey:57d522dcb03d3b73649eb9cb0f1668e77a5f0eba292066b23529b8565ff92fe8",
                        "100.64.0.4", null, "ci-runner-7", "ci-runner-7"));
        // The gateway's tags are its forced tags, which registration copied from its key's (pre_auth_key_acl_tags),
        // so it has no owner; the iPhone's zero-time expiry is none.
        assertThat(plan.nodes()).extracting(Node::id, Node::userId, Node::tags, Node::preAuthKeyId, Node::ephemeral,
                Node::expiry, Node::registerMethod, Node::createdAt).containsExactly(
                tuple(1L, 1L, List.of(), 1L, false, null, RegisterMethod.AUTH_KEY,
                        Instant.parse("2024-09-20T08:22:03.551260411Z")),
                tuple(2L, null, List.of("tag:router", "tag:exit"), 2L, false,
                        Instant.parse("2025-03-19T08:23:00Z"), RegisterMethod.AUTH_KEY, Instant.parse("2024-09-20T08:23:00Z")),
                tuple(3L, 2L, List.of(), null, false, null, RegisterMethod.CLI, Instant.parse("2024-09-21T19:30:12.1Z")),
                tuple(4L, 2L, List.of(), 3L, true, null, RegisterMethod.AUTH_KEY, Instant.parse("2024-09-22T14:05:00Z")));
        // Routes are rows of the routes table: advertised ones, and enabled ones approved; the deleted row is neither.
        assertThat(plan.nodes()).extracting(Node::id, Node::advertisedRoutes, Node::approvedRoutes).containsExactly(
                tuple(1L, List.of(), List.of()),
                tuple(2L, List.of("10.10.0.0/24", "192.168.50.0/24", "0.0.0.0/0", "::/0"),
                        List.of("10.10.0.0/24", "0.0.0.0/0", "::/0")),
                tuple(3L, List.of(), List.of()),
                tuple(4L, List.of(), List.of()));
        assertThat(plan.nodes()).extracting(Node::id, Node::endpoints, Node::os, Node::osVersion, Node::clientVersion)
                .containsExactly(
                        tuple(1L, List.of("192.0.2.10:41641", "[2001:db8::10]:41641"), "linux", "6.8.0-45-generic",
                                "1.74.1-t9c5a2b3e1"),
                        tuple(2L, List.of("198.51.100.7:41641"), "linux", "6.1.0-25-amd64", "1.74.1-t9c5a2b3e1"),
                        tuple(3L, List.of(), "iOS", "17.6.1", "1.72.0"),
                        tuple(4L, List.of("203.0.113.40:41641"), "linux", null, "1.74.1"));

        assertThat(plan.preAuthKeys()).extracting(PreAuthKey::id, PreAuthKey::userId, PreAuthKey::reusable,
                PreAuthKey::ephemeral, PreAuthKey::aclTags, PreAuthKey::usedByNode, PreAuthKey::expiration,
                PreAuthKey::createdAt).containsExactly(
                tuple(1L, 1L, true, false, List.of(), 1L, Instant.parse("2025-09-20T08:20:11.4189Z"),
                        Instant.parse("2024-09-20T08:20:11.4211Z")),
                tuple(2L, 1L, true, false, List.of("tag:router", "tag:exit"), 2L,
                        Instant.parse("2025-09-20T08:21:30.69Z"), Instant.parse("2024-09-20T08:21:30.7Z")),
                tuple(3L, 2L, false, true, List.of(), 4L, Instant.parse("2024-09-22T15:02:59Z"),
                        Instant.parse("2024-09-22T14:02:59.000001Z")),
                tuple(4L, 2L, false, false, List.of(), null, Instant.parse("2024-09-24T09:00:00Z"),
                        Instant.parse("2024-09-23T09:00:00Z")));
        assertPlainTextKeys(plan.preAuthKeys(), "7969a2c8cd2130b579b2d65fa957f008b8d8305e4608b6b4",
                "3dffe4bd8958d7760cdbf67ce5e7873f36a6b6ef433f8109", "49b7bb9ae1e6f6511a3717e519fa9fe1fbc079df7bd34e47",
                "9f164376f51252fa54338281997b61267af2ddfe03a879c7");

        assertThat(plan.apiKeys()).extracting(ApiKey::id, ApiKey::prefix, ApiKey::expiration, ApiKey::createdAt)
                .containsExactly(tuple(1L, "IPeTvs7", Instant.parse("2024-12-19T08:30:00.12Z"),
                        Instant.parse("2024-09-20T08:30:00.123Z")));
        assertKeyWorks(API_MARKER, "IPeTvs7.Py_LGSO1b5tO4Moi_xLCm1IqAdDxret5", plan.apiKeys().getFirst().secretHash());

        assertThat(plan.policy()).startsWith("{\n  // only alice reaches the gateway\n");
    }

    @Test
    void headscale0251() throws Exception {
        ImportPlan plan = read("headscale-0.25.1");

        assertThat(plan.sourceSchema()).isEqualTo("202502070949");
        assertThat(plan.notCarried()).isEmpty();
        assertThat(plan.users()).extracting(User::id, User::name, User::displayName, User::email,
                User::providerIdentifier, User::createdAt).containsExactly(
                tuple(1L, "alice", "Alice Liddell", "alice@example.com",
                        "https://id.example.com/realms/staff/6f1d2c9e-77a0-4b7e-9a43-1e2f5d8c0b31",
                        Instant.parse("2025-03-03T09:12:44.250917Z")),
                tuple(2L, "bob", "", "", null, Instant.parse("2025-03-03T09:20:01.000000001Z")));
        assertThat(plan.users()).extracting(User::profilePicUrl).containsExactly("https://id.example.com/avatar/alice.png", "");

        // old-nas (5) was soft-deleted. A node's tags are its forced tags only: the router was retagged after it
        // registered with a tagged key, and Headscale no longer gave it the key's tag. A JSON null is no tags.
        assertThat(plan.nodes()).extracting(Node::id, Node::userId, Node::tags, Node::preAuthKeyId, Node::ephemeral,
                Node::expiry, Node::registerMethod, Node::givenName).containsExactly(
                tuple(1L, 1L, List.of(), null, false, Instant.parse("2025-09-01T09:12:50.5Z"), RegisterMethod.OIDC,
                        "alice-mbp"),
                tuple(2L, null, List.of("tag:edge"), 1L, false, null, RegisterMethod.AUTH_KEY, "edge-router"),
                tuple(3L, null, List.of("tag:nas"), 2L, false, null, RegisterMethod.AUTH_KEY, "bob-nas"),
                tuple(4L, 2L, List.of(), 3L, true, null, RegisterMethod.AUTH_KEY, "ci-9"));
        // The routes table, not Hostinfo: the route the router stopped advertising is still approved.
        assertThat(plan.nodes()).extracting(Node::id, Node::advertisedRoutes, Node::approvedRoutes).containsExactly(
                tuple(1L, List.of(), List.of()),
                tuple(2L, List.of("10.42.0.0/16", "0.0.0.0/0", "::/0"), List.of("10.42.0.0/16", "192.168.77.0/24")),
                tuple(3L, List.of(), List.of()),
                tuple(4L, List.of(), List.of()));
        assertThat(plan.nodes()).extracting(Node::id, Node::machineKey, Node::ipv4, Node::ipv6, Node::os,
                Node::osVersion, Node::clientVersion, Node::createdAt).contains(
                tuple(1L, "mkey:6d54404f3ea3bfe977f8f6041f9a1be78b6cf0aa4b9f9306fb38a4853a4d535c", "100.64.0.1",
                        "fd7a:115c:a1e0::1", "macOS", "15.3.1", "1.80.2-tdb4ab6f2b",
                        Instant.parse("2025-03-03T09:12:50.5Z")));

        // Key 2 registered old-nas first, but that node is gone: the first node still there is the NAS.
        assertThat(plan.preAuthKeys()).extracting(PreAuthKey::id, PreAuthKey::userId, PreAuthKey::reusable,
                PreAuthKey::ephemeral, PreAuthKey::aclTags, PreAuthKey::usedByNode, PreAuthKey::expiration).containsExactly(
                tuple(1L, 2L, false, false, List.of("tag:router"), 2L, Instant.parse("2025-03-05T10:00:00Z")),
                tuple(2L, 2L, true, false, List.of(), 3L, Instant.parse("2026-03-04T10:05:00Z")),
                tuple(3L, 2L, false, true, List.of(), 4L, Instant.parse("2025-03-06T08:30:00Z")),
                tuple(4L, 1L, true, false, List.of("tag:dev", "tag:test"), null, Instant.parse("2025-06-05T12:00:00Z")));
        assertPlainTextKeys(plan.preAuthKeys(), "8283ff85c78e3a2eadceca346811cc95a41e6c4d65b3401f",
                "3eaaa9b1456d17d6d7b57ec17b53ecd84a31c8bd8527eb5c", "49b7bb9ae1e6f6511a3717e519fa9fe1fbc079df7bd34e47",
                "7969a2c8cd2130b579b2d65fa957f008b8d8305e4608b6b4");

        assertThat(plan.apiKeys()).extracting(ApiKey::id, ApiKey::prefix, ApiKey::expiration, ApiKey::createdAt)
                .containsExactly(tuple(1L, "Ue5Yrl6", Instant.parse("2025-06-01T09:30:00Z"),
                        Instant.parse("2025-03-03T09:30:00Z")));
        assertKeyWorks(API_MARKER, "Ue5Yrl6.HWuNGP3ekz61xP7lRO_OnsOaSB6I7TX0", plan.apiKeys().getFirst().secretHash());

        // The latest row that is not soft-deleted.
        assertThat(plan.policy()).isEqualTo("{\"tagOwners\": {\"tag:router\": [\"bob@\"], \"tag:edge\": [\"bob@\"],"
                + " \"tag:nas\": [\"bob@\"]},"
                + " \"acls\": [{\"action\": \"accept\", \"src\": [\"alice@example.com\"], \"dst\": [\"*:*\"]}]}");
    }

    @Test
    void headscale0271() throws Exception {
        ImportPlan plan = read("headscale-0.27.1");

        assertThat(plan.sourceSchema()).isEqualTo("202511101554-drop-old-idx");
        assertThat(plan.notCarried()).isEmpty();
        // 0.26 and 0.27 counted a key's tags as the node's besides its forced tags: db-1 kept tag:server when it was
        // retagged.
        assertThat(plan.nodes()).extracting(Node::id, Node::userId, Node::tags, Node::preAuthKeyId,
                Node::advertisedRoutes, Node::approvedRoutes).containsExactly(
                tuple(1L, null, List.of("tag:server"), 1L, List.of("10.60.0.0/24"), List.of()),
                tuple(2L, null, List.of("tag:db", "tag:server"), 1L, List.of(), List.of()),
                tuple(3L, 1L, List.of(), null, List.of(), List.of()));
        assertThat(plan.preAuthKeys()).extracting(PreAuthKey::id, PreAuthKey::aclTags, PreAuthKey::usedByNode)
                .containsExactly(tuple(1L, List.of("tag:server"), 1L));
        assertPlainTextKeys(plan.preAuthKeys(), "8283ff85c78e3a2eadceca346811cc95a41e6c4d65b3401f");
        assertThat(plan.apiKeys()).isEmpty();
        // The policy was kept in a file.
        assertThat(plan.policy()).isNull();
    }

    @Test
    void headscale0280UpgradedFrom027() throws Exception {
        ImportPlan plan = read("headscale-0.28.0");

        assertThat(plan.sourceSchema()).isEqualTo("202601121700-migrate-hostinfo-request-tags");
        assertThat(plan.notCarried()).isEmpty();
        assertThat(plan.users()).extracting(User::id, User::name, User::displayName, User::email,
                User::providerIdentifier, User::createdAt).containsExactly(
                tuple(1L, "alice", "", "alice@example.net", null, Instant.parse("2025-08-01T10:00:00.1002003Z")),
                tuple(2L, "bob", "Bob B.", "", null, Instant.parse("2025-08-01T10:00:05Z")));

        // 0.28.0 still had web-1's user, but a tagged node is owned by its tags. alice-pc's zero-time expiry is none.
        assertThat(plan.nodes()).extracting(Node::id, Node::userId, Node::tags, Node::preAuthKeyId, Node::ephemeral,
                Node::expiry, Node::hostname, Node::givenName).containsExactly(
                tuple(1L, 1L, List.of(), 1L, false, null, "ALICE-PC", "alice-pc"),
                tuple(2L, null, List.of("tag:server"), 2L, false, null, "web-1", "web-1"),
                tuple(3L, null, List.of("tag:web"), 2L, false, null, "web-2", "web-2"),
                tuple(4L, 2L, List.of(), 3L, true, null, "build-42", "build-42"));
        // Advertised routes are Hostinfo's RoutableIPs, approved ones the node's column.
        assertThat(plan.nodes()).extracting(Node::id, Node::advertisedRoutes, Node::approvedRoutes).containsExactly(
                tuple(1L, List.of(), List.of()),
                tuple(2L, List.of("10.20.0.0/24", "0.0.0.0/0", "::/0"), List.of("10.20.0.0/24")),
                tuple(3L, List.of(), List.of()),
                tuple(4L, List.of(), List.of()));

        assertThat(plan.preAuthKeys()).extracting(PreAuthKey::id, PreAuthKey::userId, PreAuthKey::prefix,
                PreAuthKey::reusable, PreAuthKey::ephemeral, PreAuthKey::aclTags, PreAuthKey::usedByNode,
                PreAuthKey::expiration, PreAuthKey::createdAt).containsExactly(
                tuple(1L, 1L, "9f164376f512", true, false, List.of(), 1L, Instant.parse("2026-08-01T10:10:00Z"),
                        Instant.parse("2025-08-01T10:10:00Z")),
                tuple(2L, 1L, "d5dB-kkynzCh", true, false, List.of("tag:server"), 2L,
                        Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2025-12-01T09:00:00Z")),
                tuple(3L, 2L, "y7l7v2h5o9rM", false, true, List.of(), 4L, Instant.parse("2025-12-02T10:00:00Z"),
                        Instant.parse("2025-12-02T09:00:00Z")));
        assertPlainTextKeys(plan.preAuthKeys().subList(0, 1), "9f164376f51252fa54338281997b61267af2ddfe03a879c7");
        assertKeyWorks(PREAUTH_MARKER,
                "hskey-auth-d5dB-kkynzCh-RGcYPkis79Nwzt3FrudmY1GsqIwZA83bv-FF3YTbiVieESe38Z5NwMyk_H4Uzhcn",
                plan.preAuthKeys().get(1).secretHash());
        assertKeyWorks(PREAUTH_MARKER,
                "hskey-auth-y7l7v2h5o9rM-kpI1KZod1Xe-LpeLuMdShmzz5944Uq00Jv2q4vwXTycMSWBIoLctDgpVHnKkt_iD",
                plan.preAuthKeys().get(2).secretHash());

        assertThat(plan.apiKeys()).extracting(ApiKey::id, ApiKey::prefix, ApiKey::expiration, ApiKey::createdAt)
                .containsExactly(
                        tuple(1L, "YL0XQ_3", Instant.parse("2025-10-30T10:00:00Z"), Instant.parse("2025-08-01T10:20:00Z")),
                        tuple(2L, "NW3bFUfjANyv", Instant.parse("2026-03-01T09:05:00Z"),
                                Instant.parse("2025-12-01T09:05:00Z")));
        assertKeyWorks(API_MARKER, "YL0XQ_3.y_SO-uwZtZCFk3UFwotKEAWfPGhgDqd1", plan.apiKeys().get(0).secretHash());
        assertKeyWorks(API_MARKER,
                "hskey-api-NW3bFUfjANyv-o-6fo_VjwnWiWUco9e-TPkGMoGzzu3128al3gfnd3XnaSQWmi9xS3LMpPD9Lx8OL",
                plan.apiKeys().get(1).secretHash());

        assertThat(plan.policy()).startsWith("{\"tagOwners\": {\"tag:server\": [\"alice@\"]");
    }

    @Test
    void headscale0292FreshInstall() throws Exception {
        ImportPlan plan = read("headscale-0.29.2");

        assertThat(plan.sourceSchema()).isEqualTo("202606181200-recover-null-tags-node-user-id");
        assertThat(plan.notCarried()).isEmpty();
        assertThat(plan.users()).extracting(User::id, User::name, User::displayName, User::email,
                User::providerIdentifier, User::createdAt).containsExactly(
                tuple(1L, "alice", "Alice Liddell", "alice@example.com", "https://accounts.example.com/109876543210987654321",
                        Instant.parse("2026-07-01T08:05:00.5Z")),
                tuple(2L, "bob", "", "", null, Instant.parse("2026-07-01T08:06:00Z")));

        // "gone" (4) was soft-deleted. runner-1 is tagged with its key's tags, each once; it has no user.
        assertThat(plan.nodes()).extracting(Node::id, Node::userId, Node::tags, Node::preAuthKeyId, Node::ephemeral,
                Node::expiry, Node::registerMethod, Node::ipv6).containsExactly(
                tuple(1L, null, List.of("tag:ci", "tag:server"), 1L, false, null, RegisterMethod.AUTH_KEY,
                        "fd7a:115c:a1e0::1"),
                tuple(2L, 2L, List.of(), 2L, false, Instant.parse("2026-12-28T08:13:00Z"), RegisterMethod.AUTH_KEY,
                        "fd7a:115c:a1e0::2"),
                tuple(3L, 1L, List.of(), null, false, null, RegisterMethod.OIDC, null));
        assertThat(plan.nodes()).extracting(Node::id, Node::advertisedRoutes, Node::approvedRoutes).containsExactly(
                tuple(1L, List.of("172.30.0.0/16"), List.of("172.30.0.0/16")),
                tuple(2L, List.of("192.168.1.0/24"), List.of()),
                tuple(3L, List.of(), List.of()));
        assertThat(plan.nodes()).extracting(Node::id, Node::nodeKey, Node::endpoints, Node::os, Node::clientVersion)
                .contains(tuple(1L, "nodekey:670e48fab2ecf5d14de158efaf67b71380de39413e1dc3db9a141234b7ddd158",
                        List.of("203.0.113.70:41641"), "linux", "1.94.1-t0e1f2a3b4"));

        // A tagged key made without --user belongs to no one.
        assertThat(plan.preAuthKeys()).extracting(PreAuthKey::id, PreAuthKey::userId, PreAuthKey::prefix,
                PreAuthKey::reusable, PreAuthKey::ephemeral, PreAuthKey::aclTags, PreAuthKey::usedByNode,
                PreAuthKey::expiration).containsExactly(
                tuple(1L, null, "kyOiWdJkZvYP", true, false, List.of("tag:ci", "tag:server"), 1L,
                        Instant.parse("2027-07-01T08:10:00Z")),
                tuple(2L, 2L, "8svRzqmaRKr4", false, false, List.of(), 2L, Instant.parse("2026-07-02T08:12:00Z")));
        assertKeyWorks(PREAUTH_MARKER,
                "hskey-auth-kyOiWdJkZvYP-leCGOxpG7oaaqFEUG8IEffkWb9-mmDFw7CtKRs7sMbTGhsuofKzNF14GJ_hocVng",
                plan.preAuthKeys().get(0).secretHash());
        assertKeyWorks(PREAUTH_MARKER,
                "hskey-auth-8svRzqmaRKr4-GK9wonIrwcAqkdGfmu6YkrVbBxKR9MOQIU3QoMFts-FeLtEnvHlVFR-n2ze1fSnn",
                plan.preAuthKeys().get(1).secretHash());

        // This prefix ends in the separator's character.
        assertThat(plan.apiKeys()).extracting(ApiKey::id, ApiKey::prefix, ApiKey::expiration, ApiKey::createdAt)
                .containsExactly(tuple(1L, "TVYFMHEtsmA-", Instant.parse("2026-09-29T08:00:00Z"),
                        Instant.parse("2026-07-01T08:00:30Z")));
        assertKeyWorks(API_MARKER,
                "hskey-api-TVYFMHEtsmA--ptKhNCVLxJ2d-2Efzoa8xu2EoT_v3lQZq1jJixFyahnZiqLcPtvjtMflZ_Csx26A",
                plan.apiKeys().getFirst().secretHash());

        assertThat(plan.policy()).contains("\"tag:server\": [\"alice@example.com\"]");
    }

    @Test
    void aDatabaseWithoutHeadscalesTablesIsRefusedAndLeftAsItWas() throws Exception {
        Path otherApp = dir.resolve("other-app.sqlite");
        execute(otherApp, List.of("CREATE TABLE users (id integer PRIMARY KEY, login text)",
                "INSERT INTO users VALUES (1, 'alice')"));
        Path empty = Files.createFile(dir.resolve("empty.sqlite"));

        for (Path file : List.of(otherApp, empty)) {
            byte[] before = Files.readAllBytes(file);
            assertThatThrownBy(() -> read(file))
                    .isInstanceOfSatisfying(DomainException.class, e -> assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID))
                    .hasMessage("headscale sqlite:" + file + " is not a Headscale database (it has no users and nodes tables)");
            assertThat(Files.readAllBytes(file)).isEqualTo(before);
        }
    }

    /** Each key is carried as its first 12 digits and the SHA-256 of the rest, and only its own text matches it. */
    private static void assertPlainTextKeys(List<PreAuthKey> keys, String... plainTexts) {
        assertThat(keys).hasSameSizeAs(plainTexts);
        for (int i = 0; i < plainTexts.length; i++) {
            PreAuthKey key = keys.get(i);
            assertThat(key.prefix()).isEqualTo(plainTexts[i].substring(0, 12));
            assertThat(key.secretHash()).isEqualTo(sha256Hex(plainTexts[i].substring(12)));
            assertThat(presented(PREAUTH_MARKER, plainTexts[i]).matches(key.secretHash())).isTrue();
            String other = plainTexts[(i + 1) % plainTexts.length];
            if (!other.equals(plainTexts[i])) {
                assertThat(presented(PREAUTH_MARKER, other).matches(key.secretHash())).isFalse();
            }
        }
    }

    /** The source's hash is carried as its text: the key works, and the same key with another secret does not. */
    private static void assertKeyWorks(String marker, String keyText, String carriedHash) {
        assertThat(carriedHash).startsWith("$2a$04$");
        assertThat(presented(marker, keyText).matches(carriedHash)).isTrue();
        char last = keyText.charAt(keyText.length() - 1);
        String otherSecret = keyText.substring(0, keyText.length() - 1) + (last == 'A' ? 'B' : 'A');
        assertThat(presented(marker, otherSecret).matches(carriedHash)).isFalse();
    }

    private static SecretKey presented(String marker, String text) {
        return SecretKey.parsePresented(marker, text).orElseThrow(() -> new AssertionError("not a key's shape: " + text));
    }

    private ImportPlan read(String schema) throws IOException, SQLException {
        Path file = dir.resolve(schema + ".sqlite");
        execute(file, statements(schema));
        return read(file);
    }

    private static ImportPlan read(Path file) throws SQLException {
        HeadscaleSource source = HeadscaleSource.parse("sqlite:" + file);
        try (Connection connection = source.open()) {
            return new HeadscaleDatabase(connection, source.name()).read();
        }
    }

    /** The statements of {@code headscale-schemas/NAME.sql}, each ending with a semicolon at the end of a line. */
    private static List<String> statements(String name) throws IOException {
        String script;
        try (InputStream in = HeadscaleSchemasTest.class.getResourceAsStream("/headscale-schemas/" + name + ".sql")) {
            assertThat(in).as(name + ".sql").isNotNull();
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        script = BCRYPT_PLACEHOLDER.matcher(script).replaceAll(secret -> "X'" + HexFormat.of().formatHex(
                bcrypt(secret.group(1)).getBytes(StandardCharsets.US_ASCII)) + "'");
        String withoutComments = script.lines().filter(line -> !line.startsWith("--"))
                .reduce("", (text, line) -> text + line + "\n");
        return Arrays.stream(withoutComments.split(";\\s*\\n")).filter(s -> !s.isBlank()).toList();
    }

    /** As Go's bcrypt writes it ({@code $2a$}), at the lowest cost so the tests stay fast. */
    private static String bcrypt(String secret) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return OpenBSDBCrypt.generate("2a", secret.toCharArray(), salt, 4);
    }

    private static void execute(Path file, List<String> statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.executeUpdate(sql);
            }
        }
    }

    private static String sha256Hex(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
