package dev.chronoscale.netmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.TailnetNode;
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

    @Test
    void firstRefreshDerivesEveryNode() throws Exception {
        assertThat(projection().refresh()).hasSize(SmallTailnet.tailnet().nodes().size());
    }

    @Test
    void aNodeChangeReportsOnlyTheNetmapsThatChanged() throws Exception {
        PolicyNetmaps projection = projection();
        projection.refresh();
        TailnetNode db = SmallTailnet.DB;
        // The database becomes a web server: alice's devices gain it, bob loses it, and the web server's own
        // entry changes because the two neighbouring addresses now form one block (100.64.0.4/31).
        // Nothing else (the router) is touched.
        projection.upsertNode(new TailnetNode(db.id(), db.name(), db.userId(), Set.of("tag:web"), db.ipv4(), db.ipv6(),
                db.advertisedRoutes(), db.approvedRoutes(), db.registeredAt()));
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
                dev.chronoscale.domain.policy.IpAddress.parse("100.64.0.9"),
                dev.chronoscale.domain.policy.IpAddress.parse("fd7a:115c:a1e0::9"), java.util.List.of(), java.util.List.of(),
                old.registeredAt());
        projection.upsertNode(newLaptop);
        projection.refresh();

        assertThat(projection.netmap(SmallTailnet.DB.id()).orElseThrow().packetFilter())
                .as("bob@example.com in group:oncall now means user 7")
                .anySatisfy(rule -> assertThat(rule.srcIps()).contains("100.64.0.9"));
    }
}
