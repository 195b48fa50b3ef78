package dev.chronoscale.netmap;

import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class NetmapTest {

    private final Netmap netmap = new Netmap();

    private static NetmapNode node(long id, String nodeKey) {
        return new NetmapNode(id, "mkey:" + "1".repeat(64), nodeKey, Optional.empty(), Optional.of(1L), List.of(), "h",
                "n" + id, Optional.empty(), Optional.empty(), Optional.empty(), false, List.of(), 0, List.of(), List.of(),
                Instant.EPOCH, NodeClient.UNKNOWN);
    }

    @Test
    void listenersSeeEveryChangeInOrderWithTheStateAfterIt() {
        List<String> seen = new ArrayList<>();
        netmap.addListener((change, view) -> seen.add(change.getClass().getSimpleName() + " " + view.nodes().size()));
        netmap.joined(node(1, "nodekey:a"));
        netmap.updated(1, n -> n.withGivenName("renamed"));
        netmap.reachabilityUpdated(1, n -> n.withReachability(List.of("192.0.2.1:1"), 1, Optional.empty()));
        netmap.updated(9, n -> n.withGivenName("unknown node: ignored"));
        netmap.left(1);
        assertThat(seen).containsExactly("Joined 1", "Updated 1", "ReachabilityUpdated 1", "Left 0");
    }

    @Test
    void aChangeOfIdentityProviderGroupsAloneIsNoProfileChange() {
        List<String> seen = new ArrayList<>();
        netmap.addListener((change, view) -> seen.add(change.getClass().getSimpleName()));
        NetmapUser alice = new NetmapUser(1, "alice", "Alice", "alice@example.com");
        netmap.userUpdated(alice);
        netmap.userUpdated(alice.withIdpGroups(List.of("/ops")));
        assertThat(netmap.read(view -> view.user(1)).orElseThrow().idpGroups()).containsExactly("/ops");
        netmap.userUpdated(alice.withIdpGroups(List.of("/ops")).withName("alicia"));
        assertThat(seen).containsExactly("UserUpdated", "UserUpdated");
    }

    @Test
    void aWaiterForANodeKeyCompletesWhenTheKeyAppearsByRegistrationOrRotation() {
        CompletableFuture<NetmapNode> registered = netmap.whenKnown("nodekey:a");
        CompletableFuture<NetmapNode> rotated = netmap.whenKnown("nodekey:b");
        assertThat(registered).isNotDone();
        netmap.joined(node(1, "nodekey:a"));
        assertThat(registered).isCompletedWithValueMatching(n -> n.id() == 1);
        assertThat(rotated).isNotDone();
        netmap.updated(1, n -> n.withNodeKey("nodekey:b", Optional.empty()));
        assertThat(rotated).isCompletedWithValueMatching(n -> n.nodeKey().equals("nodekey:b"));
        Optional<NetmapNode> oldKey = netmap.read(view -> view.nodeByKey("nodekey:a"));
        assertThat(oldKey).isEmpty();
    }

    @Test
    void aWaiterForALogPositionCompletesOnceTheNetmapHasAppliedIt() {
        CompletableFuture<Void> five = netmap.whenAt(5);
        CompletableFuture<Void> seven = netmap.whenAt(7);
        netmap.processed(4);
        assertThat(five).isNotDone();
        netmap.processed(6);
        assertThat(five).isDone();
        assertThat(seven).isNotDone();
        assertThat(netmap.whenAt(6)).isDone();
    }

    private static NetmapNode addressed(long id, long user, List<String> tags, int host) {
        return new NetmapNode(id, "mkey:" + "1".repeat(64), "nodekey:" + id, Optional.empty(), Optional.of(user), tags,
                "h" + id, "n" + id, Optional.of("100.64.0." + host), Optional.of("fd7a:115c:a1e0::" + host),
                Optional.empty(), false, List.of(), 0, List.of(), List.of(), Instant.EPOCH.plusSeconds(id), NodeClient.UNKNOWN);
    }

    @Test
    void aNodeNotApprovedIsNeitherSeenNorSeesAndItsApprovalBringsItIntoThePolicy() throws Exception {
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com", null));
        netmap.joined(addressed(1, 1, List.of(), 1));
        netmap.joined(addressed(2, 1, List.of(), 2).withApproval(dev.chronoscale.domain.node.NodeApproval.PENDING));
        NetmapNode one = netmap.read(view -> view.node(1)).orElseThrow();
        NetmapNode two = netmap.read(view -> view.node(2)).orElseThrow();
        assertThat(BasePeerRule.ALLOW_ALL.canSee(one, two, Instant.EPOCH)).isFalse();
        assertThat(BasePeerRule.ALLOW_ALL.canSee(two, one, Instant.EPOCH)).isFalse();
        assertThat(two.toTailnetNode()).isEmpty();
        assertThat(netmap.tailnet().nodes()).extracting(n -> n.id()).containsExactly(1L);

        netmap.policyReplaced(policy("{\"acls\":[{\"action\":\"accept\",\"src\":[\"*\"],\"dst\":[\"*:*\"]}]}"));
        assertThat(policyNetmap(2)).isEmpty();
        assertThat(policyPeer(1, 2)).isEmpty();

        List<NetmapChange> changes = new ArrayList<>();
        netmap.addListener((change, view) -> changes.add(change));
        netmap.updated(2, n -> n.withApproval(dev.chronoscale.domain.node.NodeApproval.APPROVED));
        assertThat(changes).hasSize(2);
        assertThat(changes.get(0)).isInstanceOf(NetmapChange.Updated.class);
        NetmapChange.PolicyApplied applied = (NetmapChange.PolicyApplied) changes.get(1);
        assertThat(applied.changes()).containsOnlyKeys(1L, 2L);
        assertThat(applied.changes().get(2L).before()).isEmpty();
        assertThat(policyPeer(1, 2)).isPresent();
        assertThat(policyPeer(2, 1)).isPresent();
        assertThat(BasePeerRule.ALLOW_ALL.canSee(one, netmap.read(view -> view.node(2)).orElseThrow(), Instant.EPOCH)).isTrue();
    }

    private Optional<PeerView> policyPeer(long viewer, long peer) {
        return netmap.read(view -> view.policyPeer(viewer, peer));
    }

    private Optional<NodeNetmap> policyNetmap(long id) {
        return netmap.read(view -> view.policyNetmap(id));
    }

    private static dev.chronoscale.domain.policy.Policy policy(String text) throws Exception {
        return new dev.chronoscale.domain.policy.PolicyParser().parse(text);
    }

    private static final String A_TO_SERVER = """
            {"groups": {"group:a": ["alice@example.com"]},
             "tagOwners": {"tag:server": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["group:a"], "dst": ["tag:server:443"]}]}
            """;

    @Test
    void withoutAPolicyNothingIsDecidedAndEveryChangeIsToldAsBefore() {
        List<String> seen = new ArrayList<>();
        netmap.addListener((change, view) -> seen.add(change.getClass().getSimpleName()));
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com"));
        netmap.joined(addressed(1, 1, List.of(), 1));
        assertThat(seen).containsExactly("UserUpdated", "Joined");
        boolean inForce = netmap.read(NetmapView::policyInForce);
        assertThat(inForce).isFalse();
        assertThat(policyNetmap(1)).isEmpty();
    }

    @Test
    void aPolicyIsCompiledOnceAndEachNodeWhosePolicyNetmapChangedIsToldInOneChange() throws Exception {
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com"));
        netmap.userUpdated(new NetmapUser(2, "carol", "Carol", "carol@example.com"));
        netmap.joined(addressed(1, 1, List.of(), 1));
        netmap.joined(addressed(2, 1, List.of("tag:server"), 2));
        netmap.joined(addressed(3, 2, List.of(), 3));
        List<NetmapChange.PolicyApplied> applied = new ArrayList<>();
        netmap.addListener((change, view) -> {
            if (change instanceof NetmapChange.PolicyApplied p) {
                applied.add(p);
            }
        });

        netmap.policyReplaced(policy(A_TO_SERVER));

        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).changes().keySet()).containsExactlyInAnyOrder(1L, 2L, 3L);
        assertThat(applied.get(0).changes().get(1L).before()).as("first policy: no netmap before").isEmpty();
        assertThat(policyPeer(1, 2)).isPresent();
        assertThat(policyPeer(2, 1)).as("visible when either side may reach the other")
                .isPresent();
        assertThat(policyPeer(1, 3)).isEmpty();
        assertThat(policyNetmap(2).orElseThrow().packetFilter()).hasSize(1);
        assertThat(policyNetmap(1).orElseThrow().packetFilter()).isEmpty();

        applied.clear();
        netmap.joined(addressed(4, 2, List.of(), 4));
        assertThat(applied).as("an unrelated node joining changes only its own netmap").hasSize(1);
        assertThat(applied.get(0).changes().keySet()).containsExactly(4L);

        applied.clear();
        netmap.updated(4, n -> n.withTags(List.of("tag:server")));
        assertThat(applied).hasSize(1);
        assertThat(applied.get(0).changes().keySet()).contains(1L, 4L).doesNotContain(3L);
        assertThat(policyPeer(1, 4)).isPresent();

        applied.clear();
        netmap.left(4);
        assertThat(policyPeer(1, 4)).isEmpty();
        assertThat(applied.get(0).changes().get(1L).before().orElseThrow().peers())
                .anyMatch(p -> p.id() == 4);
    }
}
