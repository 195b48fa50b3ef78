package dev.chronoscale.inventory;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyDeleted;
import dev.chronoscale.domain.event.EventFamilies;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeDisconnected;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeExpired;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.NodeApproval;
import dev.chronoscale.domain.node.NodeEvents.NodeApprovalRefused;
import dev.chronoscale.domain.node.NodeEvents.NodeApproved;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyCreated;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyExpired;
import dev.chronoscale.domain.preauthkey.PreAuthKeyEvents.PreAuthKeyUsed;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.eventlog.FamilyHandlers;
import dev.chronoscale.eventlog.LogDatabase;
import dev.chronoscale.inventory.InventoryViews.ApiKeyView;
import dev.chronoscale.inventory.InventoryViews.NodeView;
import dev.chronoscale.inventory.InventoryViews.PreAuthKeyView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The inventory's handlers called with events, as the subscribing processor calls them; the read model asserted. */
class InventoryProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final LogDatabase db = new LogDatabase();
    private final InventoryProjection projection = new InventoryProjection(db.jdbc);
    private final InventoryQueries inventory = new InventoryQueries(db.jdbc);

    private static NodeRegistered laptop() {
        return new NodeRegistered(3, "mkey:1", "nodekey:1", 1L, List.of(), "laptop", "laptop", "100.64.0.1",
                "fd7a:115c:a1e0::1", null, false, 5L, RegisterMethod.AUTH_KEY);
    }

    @Test
    void everyEventFamilyHasAHandler() {
        assertThat(FamilyHandlers.handledFamilies(InventoryProjection.class))
                .containsExactlyInAnyOrderElementsOf(EventFamilies.ALL);
    }

    @Test
    void aUsersPictureUrlIsKeptAndAUserWithoutOneHasNone() {
        projection.on(new UserCreated(1, "alice", "Alice", null, null, null, "https://pics.example.com/alice.png"), T0);
        projection.on(new UserCreated(2, "bob", "Bob", null), T0);
        assertThat(inventory.user(1).orElseThrow().profilePicUrl()).isEqualTo("https://pics.example.com/alice.png");
        assertThat(inventory.user(2).orElseThrow().profilePicUrl()).isNull();
    }

    @Test
    void aUsersRolesAreKeptPerSourceAndAnApiKeysRoleWithIt() {
        projection.on(new UserCreated(1, "alice", "Alice", null), T0);
        projection.on(new UserRolesChanged(1, List.of("auditor", "network-admin"), List.of(), "cli"), T0);
        projection.on(new UserRolesChanged(1, List.of("admin", "auditor"), List.of(), "idp"), T0);
        projection.on(new UserRolesChanged(1, List.of("member"), List.of("network-admin"), "api"), T0);
        assertThat(inventory.user(1).orElseThrow().operatorRoles()).containsExactlyInAnyOrder(UserRole.AUDITOR, UserRole.MEMBER);
        assertThat(inventory.user(1).orElseThrow().idpRoles()).containsExactlyInAnyOrder(UserRole.ADMIN, UserRole.AUDITOR);
        projection.on(new UserRolesChanged(1, List.of(), List.of("admin", "auditor"), "idp"), T0);
        assertThat(inventory.user(1).orElseThrow().roles()).containsExactlyInAnyOrder(UserRole.AUDITOR, UserRole.MEMBER);

        projection.on(new ApiKeyCreated(4, "prefix12", "HASH", T0.plusSeconds(60), null, "auditor"), T0);
        projection.on(new ApiKeyCreated(5, "prefix13", "HASH", T0.plusSeconds(60)), T0);
        assertThat(inventory.apiKey(4).orElseThrow().role()).contains(UserRole.AUDITOR);
        assertThat(inventory.apiKey(5).orElseThrow().role()).isEmpty();
    }

    @Test
    void usersAreCreatedRenamedAndDeleted() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), T0);
        projection.on(new UserRenamed(1, "alice", "alicia"), T0.plusSeconds(1));

        assertThat(inventory.user(1)).get().satisfies(user -> {
            assertThat(user.name()).isEqualTo("alicia");
            assertThat(user.email()).isEqualTo("alice@example.com");
            assertThat(user.createdAt()).isEqualTo(T0);
        });
        projection.on(new UserDeleted(1, "alicia", false), T0.plusSeconds(2));
        assertThat(inventory.users()).isEmpty();
    }

    @Test
    void aNodeFollowsItsRenamesTagsKeysRoutesAndExpiry() {
        projection.on(laptop(), T0);
        projection.on(new NodeRenamed(3, "laptop", "work"), T0);
        projection.on(new NodeTagged(3, List.of(), List.of("tag:ci")), T0);
        Instant expiry = T0.plusSeconds(86_400);
        projection.on(new NodeKeyRotated(3, "nodekey:1", "nodekey:2", expiry), T0);
        projection.on(new NodeRoutesAdvertised(3, List.of(), List.of("10.0.0.0/24", "0.0.0.0/0")), T0);
        projection.on(new NodeRoutesApproved(3, List.of(), List.of("10.0.0.0/24")), T0);

        NodeView node = inventory.node(3).orElseThrow();
        assertThat(node.givenName()).isEqualTo("work");
        assertThat(node.hostname()).isEqualTo("laptop");
        assertThat(node.tags()).containsExactly("tag:ci");
        assertThat(node.nodeKey()).isEqualTo("nodekey:2");
        assertThat(node.expiry()).contains(expiry);
        assertThat(node.advertisedRoutes()).containsExactly("10.0.0.0/24", "0.0.0.0/0");
        assertThat(node.approvedRoutes()).containsExactly("10.0.0.0/24");
        assertThat(node.ipv4()).contains("100.64.0.1");
        assertThat(node.userId()).contains(1L);
        assertThat(inventory.nodeByNodeKey("nodekey:2")).isPresent();
        assertThat(inventory.nodeByNodeKey("nodekey:1")).isEmpty();

        projection.on(new NodeExpired(3, T0.plusSeconds(5)), T0);
        assertThat(inventory.node(3).orElseThrow().expiry()).contains(T0.plusSeconds(5));
    }

    @Test
    void aMovedNodeIsListedUnderItsNewUserOnly() {
        projection.on(laptop(), T0);
        projection.on(new NodeMoved(3, 1, 2), T0);
        assertThat(inventory.node(3).orElseThrow().userId()).contains(2L);
        assertThat(inventory.nodesOf(2)).extracting(NodeView::id).containsExactly(3L);
        assertThat(inventory.nodesOf(1)).isEmpty();
    }

    @Test
    void aNodeShowsTheAddressesItWasGivenLater() {
        projection.on(new NodeRegistered(3, "mkey:1", "nodekey:1", 1L, List.of(), "laptop", "laptop", "100.64.0.1",
                null, null, false, 5L, RegisterMethod.AUTH_KEY), T0);
        assertThat(inventory.node(3).orElseThrow().ipv6()).isEmpty();
        projection.on(new NodeAddressesChanged(3, "100.64.0.1", null, "100.64.0.1", "fd7a:115c:a1e0::1"), T0);
        NodeView node = inventory.node(3).orElseThrow();
        assertThat(node.ipv4()).contains("100.64.0.1");
        assertThat(node.ipv6()).contains("fd7a:115c:a1e0::1");
    }

    @Test
    void sessionsSetWhenTheNodeWasLastSeenAndReachabilityItsDiscoKeyAndNothingElse() {
        projection.on(laptop(), T0);
        NodeView before = inventory.node(3).orElseThrow();
        assertThat(before.lastSeen()).isEmpty();
        assertThat(before.discoKey()).isEmpty();

        projection.on(new NodeConnected(3), T0.plusSeconds(60));
        assertThat(inventory.node(3).orElseThrow().lastSeen()).contains(T0.plusSeconds(60));
        projection.on(new NodeReachabilityChanged(3, List.of("192.0.2.1:41641"), 1, "discokey:" + "ab".repeat(32)), T0.plusSeconds(61));
        projection.on(new NodeReachabilityChanged(3, List.of("192.0.2.2:41641"), 1, null), T0.plusSeconds(62));
        projection.on(new NodeDisconnected(3), T0.plusSeconds(90));

        NodeView after = inventory.node(3).orElseThrow();
        assertThat(after.lastSeen()).contains(T0.plusSeconds(90));
        assertThat(after.discoKey()).contains("discokey:" + "ab".repeat(32));
        assertThat(new NodeView(after.id(), after.machineKey(), after.nodeKey(), after.userId(), after.tags(), after.hostname(),
                after.givenName(), after.ipv4(), after.ipv6(), after.expiry(), after.ephemeral(), after.preAuthKeyId(),
                after.registerMethod(), after.advertisedRoutes(), after.approvedRoutes(), after.createdAt(),
                before.discoKey(), before.lastSeen(), after.approval())).isEqualTo(before);
    }

    @Test
    void aNodeAwaitingApprovalIsPendingUntilApprovedOrRefused() {
        projection.on(laptop(), T0);
        assertThat(inventory.node(3).orElseThrow().approval()).isEqualTo(NodeApproval.APPROVED);

        projection.on(new NodeRegistered(4, "mkey:4", "nodekey:4", 1L, List.of(), "phone", "phone", "100.64.0.4",
                null, null, false, null, RegisterMethod.CLI, null, true), T0);
        projection.on(new NodeRegistered(5, "mkey:5", "nodekey:5", 1L, List.of(), "tv", "tv", "100.64.0.5",
                null, null, false, null, RegisterMethod.CLI, null, true), T0);
        assertThat(inventory.node(4).orElseThrow().approval()).isEqualTo(NodeApproval.PENDING);

        projection.on(new NodeApproved(4, "known phone"), T0);
        projection.on(new NodeApprovalRefused(5, "unknown"), T0);
        assertThat(inventory.node(4).orElseThrow().approval()).isEqualTo(NodeApproval.APPROVED);
        assertThat(inventory.node(5).orElseThrow().approval()).isEqualTo(NodeApproval.REFUSED);
    }

    @Test
    void aPreApprovedKeySaysSo() {
        projection.on(new PreAuthKeyCreated(4, 1L, "hskey-auth-efgh", "HASH", true, false, T0.plusSeconds(3600),
                List.of(), null, true), T0);
        projection.on(new PreAuthKeyCreated(5, 1L, "hskey-auth-ijkl", "HASH", true, false, T0.plusSeconds(3600),
                List.of()), T0);
        assertThat(inventory.preAuthKey(4).orElseThrow().preApproved()).isTrue();
        assertThat(inventory.preAuthKey(5).orElseThrow().preApproved()).isFalse();
    }

    @Test
    void aTagOnlyPreAuthKeyHasNoUser() {
        projection.on(new PreAuthKeyCreated(4, null, "hskey-auth-efgh", "HASH", true, false, T0.plusSeconds(3600),
                List.of("tag:ci")), T0);
        assertThat(inventory.preAuthKey(4).orElseThrow().userId()).isEmpty();
        assertThat(inventory.preAuthKey(4).orElseThrow().aclTags()).containsExactly("tag:ci");
    }

    @Test
    void aDeletedNodeIsGone() {
        projection.on(laptop(), T0);
        projection.on(new NodeDeleted(3, "laptop", "100.64.0.1", "fd7a:115c:a1e0::1"), T0);
        assertThat(inventory.node(3)).isEmpty();
        assertThat(inventory.nodes()).isEmpty();
    }

    @Test
    void preAuthKeysAreUsedAndExpired() {
        Instant expiration = T0.plusSeconds(3600);
        projection.on(new PreAuthKeyCreated(2, 1L, "hskey-auth-abcd", "HASH", true, false, expiration,
                List.of("tag:ci")), T0);
        assertThat(inventory.preAuthKey(2).orElseThrow().used()).isFalse();

        projection.on(new PreAuthKeyUsed(2, 3, T0), T0);
        projection.on(new PreAuthKeyExpired(2, T0.plusSeconds(10)), T0);

        PreAuthKeyView key = inventory.preAuthKeyByPrefix("hskey-auth-abcd").orElseThrow();
        assertThat(key.used()).isTrue();
        assertThat(key.expiration()).isEqualTo(T0.plusSeconds(10));
        assertThat(key.aclTags()).containsExactly("tag:ci");
        assertThat(key.reusable()).isTrue();
    }

    @Test
    void apiKeysAreCreatedAndDeleted() {
        projection.on(new ApiKeyCreated(4, "prefix12", "HASH", T0.plusSeconds(60)), T0);
        assertThat(inventory.apiKeyByPrefix("prefix12")).get().extracting(ApiKeyView::createdAt).isEqualTo(T0);
        projection.on(new ApiKeyDeleted(4, "prefix12"), T0);
        assertThat(inventory.apiKeys()).isEmpty();
    }

    @Test
    void theLatestPolicyVersionIsKept() {
        assertThat(inventory.policy()).isEmpty();
        projection.on(new PolicyUpdated(1, "{}", "aaa", null), T0);
        projection.on(new PolicyUpdated(2, "{\"acls\": []}", "bbb", "aaa"), T0.plusSeconds(60));

        assertThat(inventory.policy()).get().satisfies(policy -> {
            assertThat(policy.version()).isEqualTo(2);
            assertThat(policy.text()).isEqualTo("{\"acls\": []}");
            assertThat(policy.updatedAt()).isEqualTo(T0.plusSeconds(60));
        });
    }

    @Test
    void clearEmptiesEveryTable() {
        projection.on(new UserCreated(1, "alice", null, null), T0);
        projection.on(laptop(), T0);
        projection.on(new PolicyUpdated(1, "{}", "aaa", null), T0);
        projection.clear();
        assertThat(inventory.users()).isEmpty();
        assertThat(inventory.nodes()).isEmpty();
        assertThat(inventory.policy()).isEqualTo(Optional.empty());
    }
}
