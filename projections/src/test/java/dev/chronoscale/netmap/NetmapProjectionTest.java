package dev.chronoscale.netmap;

import dev.chronoscale.domain.DomainEvent;
import dev.chronoscale.domain.apikey.ApiKeyEvents.ApiKeyCreated;
import dev.chronoscale.domain.event.EventFamilies;
import dev.chronoscale.domain.node.NodeEvents.NodeClientReported;
import dev.chronoscale.domain.node.PeerService;
import dev.chronoscale.domain.node.NodeEvents.NodeConnected;
import dev.chronoscale.domain.node.NodeEvents.NodeDeleted;
import dev.chronoscale.domain.node.NodeEvents.NodeAddressesChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeKeyRotated;
import dev.chronoscale.domain.node.NodeEvents.NodeMoved;
import dev.chronoscale.domain.node.NodeEvents.NodeReachabilityChanged;
import dev.chronoscale.domain.node.NodeEvents.NodeRegistered;
import dev.chronoscale.domain.node.NodeEvents.NodeRenamed;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesAdvertised;
import dev.chronoscale.domain.node.NodeEvents.NodeRoutesApproved;
import dev.chronoscale.domain.node.NodeEvents.NodeTagged;
import dev.chronoscale.domain.node.RegisterMethod;
import dev.chronoscale.domain.policy.PolicyEvents.PolicyUpdated;
import dev.chronoscale.domain.user.UserEvents.UserCreated;
import dev.chronoscale.domain.user.UserEvents.UserDeleted;
import dev.chronoscale.domain.user.UserEvents.UserGroupsChanged;
import dev.chronoscale.domain.user.UserEvents.UserRenamed;
import dev.chronoscale.domain.user.UserEvents.UserRolesChanged;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.eventlog.BoundedReplay;
import dev.chronoscale.eventlog.FamilyHandlers;
import dev.chronoscale.eventlog.LogDatabase;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The netmap's handlers called with events, as its tracking processor calls them; the netmap asserted. */
class NetmapProjectionTest {

    private static final Instant T0 = Instant.parse("2026-03-03T14:00:00Z");

    private final Netmap netmap = new Netmap();
    private final NetmapProjection projection = new NetmapProjection(netmap);
    private long position;

    private TrackingToken next() {
        return new GlobalSequenceTrackingToken(++position);
    }

    private static NodeRegistered node(long id, String key, long user) {
        return new NodeRegistered(id, "mkey:" + id, key, user, List.of(), "host" + id, "host" + id,
                "100.64.0." + id, "fd7a:115c:a1e0::" + id, null, false, null, RegisterMethod.CLI);
    }

    private NetmapNode read(long id) {
        return node(id).orElseThrow();
    }

    private Optional<NetmapNode> node(long id) {
        return netmap.read(view -> view.node(id));
    }

    private Optional<NetmapUser> user(long id) {
        return netmap.read(view -> view.user(id));
    }

    private boolean policyInForce() {
        return netmap.read(NetmapView::policyInForce);
    }

    private boolean sees(long viewer, long peer) {
        return netmap.read(view -> view.policyPeer(viewer, peer)).isPresent();
    }

    @Test
    void identityProviderGroupsDecideWhoAPolicyGroupHolds() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), next());
        projection.on(new UserCreated(2, "bob", "Bob", "bob@example.com"), next());
        projection.on(node(3, "nodekey:3", 1), T0, next());
        projection.on(node(4, "nodekey:4", 2), T0, next());
        projection.on(new PolicyUpdated(1, """
                {"groups": {"group:ops": ["idp:/ops"]},
                 "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["bob@example.com:22"]}]}""", "aaa", null), next());
        assertThat(sees(4, 3)).isFalse();

        projection.on(new UserGroupsChanged(1, "alice", List.of("/ops/oncall"), List.of("/ops/oncall"), List.of(), "keycloak"),
                next());
        assertThat(user(1).orElseThrow().idpGroups()).containsExactly("/ops/oncall");
        assertThat(user(1).orElseThrow().name()).isEqualTo("alice");
        assertThat(sees(4, 3)).as("bob's node accepts alice's laptop: she is in /ops through /ops/oncall").isTrue();

        projection.on(new UserGroupsChanged(1, "alice", List.of(), List.of(), List.of("/ops/oncall"), "oidc-claim"), next());
        assertThat(user(1).orElseThrow().idpGroups()).isEmpty();
        assertThat(sees(4, 3)).isFalse();
    }

    @Test
    void everyEventFamilyHasAHandler() {
        assertThat(FamilyHandlers.handledFamilies(NetmapProjection.class))
                .containsExactlyInAnyOrderElementsOf(EventFamilies.ALL);
    }

    @Test
    void aRegisteredNodeJoinsAndFollowsItsChanges() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), next());
        projection.on(node(3, "nodekey:1", 1), T0, next());
        projection.on(new NodeRenamed(3, "host3", "laptop"), T0, next());
        projection.on(new NodeTagged(3, List.of(), List.of("tag:web")), T0, next());
        projection.on(new NodeKeyRotated(3, "nodekey:1", "nodekey:2", T0.plusSeconds(3600)), T0, next());
        projection.on(new NodeRoutesAdvertised(3, List.of(), List.of("10.0.0.0/24")), T0, next());
        projection.on(new NodeRoutesApproved(3, List.of(), List.of("10.0.0.0/24")), T0, next());
        projection.on(new NodeReachabilityChanged(3, List.of("192.0.2.1:41641"), 999, "discokey:1"), T0, next());
        projection.on(new NodeClientReported(3, "linux", "6.1", "1.82.5", "", List.of(),
                List.of(new PeerService("peerapi4", 41641))), T0, next());

        NetmapNode laptop = read(3);
        assertThat(laptop.givenName()).isEqualTo("laptop");
        assertThat(laptop.tags()).containsExactly("tag:web");
        assertThat(laptop.nodeKey()).isEqualTo("nodekey:2");
        assertThat(laptop.expiry()).contains(T0.plusSeconds(3600));
        assertThat(laptop.advertisedRoutes()).containsExactly("10.0.0.0/24");
        assertThat(laptop.approvedRoutes()).containsExactly("10.0.0.0/24");
        assertThat(laptop.endpoints()).containsExactly("192.0.2.1:41641");
        assertThat(laptop.homeDerpRegion()).isEqualTo(999);
        assertThat(laptop.discoKey()).contains("discokey:1");
        assertThat(laptop.client().clientVersion()).isEqualTo("1.82.5");
        assertThat(laptop.client().peerServices()).containsExactly(new PeerService("peerapi4", 41641));
        assertThat(laptop.createdAt()).isEqualTo(T0);
        boolean known = netmap.read(view -> view.nodeByKey("nodekey:2").isPresent());
        assertThat(known).isTrue();
        assertThat(netmap.whenAt(position)).isDone();
    }

    /** Through Axon's handler resolution, as the tracking processor delivers them, unknown types included. */
    @Test
    void replayedFromTheLogTheNetmapHoldsTheTailnetAndItsPosition() {
        LogDatabase db = new LogDatabase();
        db.append("user-1", new UserCreated(1, "alice", "Alice", "alice@example.com"), T0);
        db.append("node-3", node(3, "nodekey:1", 1), T0);
        db.append("node-3", new NodeRenamed(3, "host3", "laptop"), T0);
        db.append("apikey-4", new ApiKeyCreated(4, "prefix12", "HASH", null), T0);
        db.jdbc.update("INSERT INTO DomainEventEntry (eventIdentifier, metaData, payload, payloadType, timeStamp,"
                        + " aggregateIdentifier, sequenceNumber, type) VALUES ('e-x', ?, ?, ?, ?, 'node-9', 0, 'Aggregate')",
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), "dev.chronoscale.domain.node.NodeEvents$NodeTeleported",
                T0.toString());

        long fed = new BoundedReplay(db.log).into(projection, BoundedReplay.Range.everything(), BoundedReplay.Progress.NONE);

        assertThat(fed).isEqualTo(5);
        assertThat(read(3).givenName()).isEqualTo("laptop");
        assertThat(read(3).createdAt()).isEqualTo(T0);
        assertThat(user(1)).isPresent();
        assertThat(netmap.whenAt(db.log.headPosition())).isDone();
    }

    @Test
    void usersAreNamedRenamedAndRemoved() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com", null, null, "https://pics.example.com/a.png"),
                next());
        projection.on(new UserRenamed(1, "alice", "alicia"), next());
        assertThat(user(1)).get().extracting(NetmapUser::name).isEqualTo("alicia");
        assertThat(user(1)).get().extracting(NetmapUser::profilePicUrl).isEqualTo("https://pics.example.com/a.png");
        projection.on(new UserDeleted(1, "alicia", false), next());
        assertThat(user(1)).isEmpty();
    }

    @Test
    void rolesReachTheNetmapPerSourceAndSurviveARename() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), next());
        projection.on(new UserRolesChanged(1, List.of("auditor", "admin"), List.of(), "cli"), next());
        projection.on(new UserRolesChanged(1, List.of("admin", "network-admin"), List.of(), "idp"), next());
        projection.on(new UserRenamed(1, "alice", "alicia"), next());
        projection.on(new UserRolesChanged(1, List.of(), List.of("admin"), "cli"), next());
        assertThat(user(1).orElseThrow().roles()).containsExactlyInAnyOrder(UserRole.AUDITOR, UserRole.ADMIN, UserRole.NETWORK_ADMIN);
        projection.on(new UserRolesChanged(1, List.of(), List.of("admin", "network-admin"), "idp"), next());
        assertThat(user(1).orElseThrow().roles()).containsExactly(UserRole.AUDITOR);
        assertThat(user(1).orElseThrow().name()).isEqualTo("alicia");
        assertThat(netmap.whenAt(position)).isDone();
    }

    @Test
    void aMovedNodeBelongsToItsNewUser() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), next());
        projection.on(new UserCreated(2, "bob", "Bob", "bob@example.com"), next());
        projection.on(node(3, "nodekey:1", 1), T0, next());
        projection.on(new NodeMoved(3, 1, 2), T0, next());
        assertThat(read(3).userId()).contains(2L);
        assertThat(netmap.whenAt(position)).isDone();
    }

    @Test
    void aNodeGivenTheAddressItLackedComesUnderThePolicy() {
        projection.on(new UserCreated(1, "alice", "Alice", "alice@example.com"), next());
        projection.on(new NodeRegistered(3, "mkey:3", "nodekey:3", 1L, List.of(), "host3", "host3", "100.64.0.3", null,
                null, false, null, RegisterMethod.CLI), T0, next());
        assertThat(read(3).toTailnetNode()).isEmpty();
        projection.on(new NodeAddressesChanged(3, "100.64.0.3", null, "100.64.0.3", "fd7a:115c:a1e0::3"), T0, next());
        assertThat(read(3).ipv6()).contains("fd7a:115c:a1e0::3");
        assertThat(read(3).toTailnetNode()).isPresent();
        assertThat(netmap.whenAt(position)).isDone();
    }

    @Test
    void aDeletedNodeLeaves() {
        projection.on(node(3, "nodekey:1", 1), T0, next());
        projection.on(new NodeDeleted(3, "host3", "100.64.0.3", "fd7a:115c:a1e0::3"), T0, next());
        assertThat(node(3)).isEmpty();
    }

    @Test
    void eventsThatChangeNoNetmapStillMoveItsPosition() {
        projection.on(node(3, "nodekey:1", 1), T0, next());
        NetmapNode before = read(3);
        projection.on(new NodeConnected(3), T0, next());
        projection.on(new ApiKeyCreated(4, "prefix12", "HASH", null), next());
        assertThat(read(3)).isEqualTo(before);
        assertThat(netmap.whenAt(position)).isDone();
        assertThat(netmap.whenAt(position + 1)).isNotDone();
    }

    @Test
    void aPolicyComesIntoForceAndAnUnparsablePolicyLeavesThePreviousOne() {
        projection.on(new UserCreated(1, "alice", null, "alice@example.com"), next());
        projection.on(node(1, "nodekey:1", 1), T0, next());
        projection.on(node(2, "nodekey:2", 1), T0, next());
        assertThat(policyInForce()).isFalse();

        projection.on(new PolicyUpdated(1, "{\"acls\": []}", "aaa", null), next());
        assertThat(policyInForce()).isTrue();
        assertThat(sees(1, 2)).isFalse();

        projection.on(new PolicyUpdated(2, "{not a policy", "bbb", "aaa"), next());
        assertThat(policyInForce()).isTrue();
        assertThat(sees(1, 2)).isFalse();
        assertThat(netmap.whenAt(position)).isDone();
    }
}
