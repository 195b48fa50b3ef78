package dev.chronoscale.netmap;

import dev.chronoscale.netmap.result.PeerView;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyNetmapsTest {

    private static PolicyNetmaps projection() throws Exception {
        PolicyNetmaps projection = new PolicyNetmaps(new NetmapCompiler("https://c"));
        projection.replacePolicy(new PolicyParser().parse("{" + SmallTailnet.HEADER + """
                "acls": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443"]},
                         {"action": "accept", "src": ["group:oncall"], "dst": ["tag:db:5432"]}]
                """ + "}"));
        SmallTailnet.tailnet().users().forEach(projection::upsertUser);
        SmallTailnet.tailnet().nodes().forEach(projection::upsertNode);
        return projection;
    }

    private static TailnetNode asWebServer(TailnetNode node) {
        return new TailnetNode(node.id(), node.name(), node.userId(), Set.of("tag:web"), node.ipv4(), node.ipv6(),
                node.advertisedRoutes(), node.approvedRoutes(), node.registeredAt());
    }

    /** The projection after its first refresh and one pending change: the database re-tagged as a web server. */
    private static PolicyNetmaps databaseTurnedWebServer() throws Exception {
        PolicyNetmaps projection = projection();
        projection.refresh();
        projection.upsertNode(asWebServer(SmallTailnet.DB));
        return projection;
    }

    /** bob's laptop reaches the database when bob is in /ops or a subgroup of it at the identity provider. */
    private static PolicyNetmaps withIdpGroupPolicy() throws Exception {
        PolicyNetmaps projection = new PolicyNetmaps(new NetmapCompiler("https://c"));
        projection.replacePolicy(new PolicyParser().parse("""
                {"groups": {"group:ops": ["idp:/ops"]},
                 "tagOwners": {"tag:web": ["alice@example.com"], "tag:db": ["alice@example.com"]},
                 "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["tag:db:5432"]},
                          {"action": "accept", "src": ["alice@example.com"], "dst": ["tag:web:443"]}]}
                """));
        SmallTailnet.tailnet().users().forEach(projection::upsertUser);
        SmallTailnet.tailnet().nodes().forEach(projection::upsertNode);
        projection.refresh();
        return projection;
    }

    private static TailnetUser bobIn(String... groups) {
        return new TailnetUser(SmallTailnet.BOB.id(), SmallTailnet.BOB.name(), SmallTailnet.BOB.email(), java.util.Set.of(), List.of(groups));
    }

    @Test
    void joiningAnIdpGroupAPolicyGroupNamesChangesOnlyTheNetmapsItAffects() throws Exception {
        PolicyNetmaps projection = withIdpGroupPolicy();
        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter()).isEmpty();

        // Keycloak lists only the direct membership, /ops/oncall; it counts for idp:/ops.
        projection.upsertUser(bobIn("/ops/oncall"));
        assertThat(projection.refresh().keySet()).containsExactlyInAnyOrder(SmallTailnet.DB.id(), SmallTailnet.BOB_LAPTOP.id());
        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter().get(0).srcIps())
                .contains("100.64.0.3");

        projection.upsertUser(bobIn());
        assertThat(projection.refresh().keySet()).containsExactlyInAnyOrder(SmallTailnet.DB.id(), SmallTailnet.BOB_LAPTOP.id());
        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter()).isEmpty();
    }

    @Test
    void idpGroupsNoPolicyGroupNamesChangeNothing() throws Exception {
        PolicyNetmaps projection = withIdpGroupPolicy();
        // "/opsx" is not a subgroup of "/ops", and "/contractors" is not named at all.
        projection.upsertUser(bobIn("/contractors", "/opsx"));
        assertThat(projection.refresh()).isEmpty();
        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter()).isEmpty();
    }

    @Test
    void firstRefreshDerivesEveryNode() throws Exception {
        assertThat(projection().refresh()).hasSize(SmallTailnet.tailnet().nodes().size());
    }

    @Test
    void aNodeChangeReportsOnlyTheNetmapsThatChanged() throws Exception {
        // The database becomes a web server: alice's devices gain it, bob loses it, and the web server's own
        // entry changes because the two neighbouring addresses now form one block (100.64.0.4/31).
        // Nothing else (the router) is touched.
        PolicyNetmaps projection = databaseTurnedWebServer();
        assertThat(projection.refresh().keySet()).containsExactlyInAnyOrder(
                SmallTailnet.DB.id(), SmallTailnet.ALICE_LAPTOP.id(), SmallTailnet.ALICE_PHONE.id(), SmallTailnet.BOB_LAPTOP.id(),
                SmallTailnet.WEB.id());
        assertThat(projection.netmap(SmallTailnet.WEB.id()).orElseThrow().packetFilter().get(0).dstPorts().get(0).ip())
                .isEqualTo("100.64.0.4/31");
        assertThat(projection.refresh()).isEmpty();
    }

    @Test
    void removingANodeDropsItFromItsPeers() throws Exception {
        PolicyNetmaps projection = projection();
        projection.refresh();
        projection.removeNode(SmallTailnet.WEB.id());
        var changed = projection.refresh();
        assertThat(changed.keySet()).containsExactlyInAnyOrder(SmallTailnet.ALICE_LAPTOP.id(), SmallTailnet.ALICE_PHONE.id());
        assertThat(projection.netmap(SmallTailnet.WEB.id())).isEmpty();
        assertThat(projection.netmap(SmallTailnet.ALICE_LAPTOP.id()).orElseThrow().peers()).isEmpty();
    }

    @Test
    void aDeletedUsersNameBelongsToWhoeverTakesItNext() throws Exception {
        PolicyNetmaps projection = projection();
        projection.refresh();
        TailnetNode old = SmallTailnet.BOB_LAPTOP;
        projection.removeNode(old.id());
        projection.removeUser(SmallTailnet.BOB.id());
        projection.upsertUser(new dev.chronoscale.netmap.inventory.TailnetUser(7, "bob", "bob@example.com"));
        TailnetNode newLaptop = new TailnetNode(9, "bob-new", java.util.Optional.of(7L), Set.of(),
                dev.chronoscale.domain.net.IpAddress.parse("100.64.0.9"),
                dev.chronoscale.domain.net.IpAddress.parse("fd7a:115c:a1e0::9"), java.util.List.of(), java.util.List.of(),
                old.registeredAt());
        projection.upsertNode(newLaptop);
        projection.refresh();

        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter())
                .as("bob@example.com in group:oncall now means user 7")
                .anySatisfy(rule -> assertThat(rule.srcIps()).contains("100.64.0.9"));
    }

    @Test
    void aChangeNamesThePeersItTouchedUnlessARouteMoved() throws Exception {
        PolicyNetmaps projection = databaseTurnedWebServer();
        TailnetNode db = SmallTailnet.DB;
        var changes = projection.refreshChanges();
        assertThat(changes).isNotEmpty();
        changes.forEach((id, change) -> {
            if (id == db.id()) {
                assertThat(change.peersTouched()).as("the changed node's own netmap").isEmpty();
                return;
            }
            assertThat(change.peersTouched()).hasValue(Set.of(db.id()));
            java.util.Map<Long, PeerView> before = new java.util.HashMap<>();
            change.before().orElseThrow().peers().forEach(p -> before.put(p.id(), p));
            java.util.Map<Long, PeerView> after = new java.util.HashMap<>();
            change.after().peers().forEach(p -> after.put(p.id(), p));
            java.util.Set<Long> differing = new java.util.HashSet<>(before.keySet());
            differing.addAll(after.keySet());
            differing.removeIf(peer -> java.util.Objects.equals(before.get(peer), after.get(peer)));
            assertThat(differing).as("node %d", id).isSubsetOf(db.id());
        });

        TailnetNode router = SmallTailnet.ROUTER;
        projection.upsertNode(new TailnetNode(router.id(), router.name(), router.userId(), router.tags(), router.ipv4(),
                router.ipv6(), router.advertisedRoutes(), java.util.List.of(), router.registeredAt()));
        assertThat(projection.refreshChanges().values()).as("a route moved: any entry may have changed")
                .allSatisfy(change -> assertThat(change.peersTouched()).isEmpty());
    }

    @Test
    void peersComeInIdOrderWhateverOrderTheNodesArrivedIn() throws Exception {
        PolicyNetmaps projection = new PolicyNetmaps(new NetmapCompiler("https://c"));
        projection.replacePolicy(new PolicyParser().parse("{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}"));
        SmallTailnet.tailnet().users().forEach(projection::upsertUser);
        java.util.List<TailnetNode> reversed = new java.util.ArrayList<>(SmallTailnet.tailnet().nodes());
        java.util.Collections.reverse(reversed);
        reversed.forEach(projection::upsertNode);
        projection.refresh();
        for (TailnetNode node : SmallTailnet.tailnet().nodes()) {
            projection.netmap(node.id()).ifPresent(netmap ->
                    assertThat(netmap.peers()).extracting(PeerView::id).isSorted()
                            .hasSize(SmallTailnet.tailnet().nodes().size() - 1));
        }
    }
}
