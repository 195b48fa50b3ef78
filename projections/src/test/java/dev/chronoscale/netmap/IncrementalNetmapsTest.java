package dev.chronoscale.netmap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Netmaps kept up to date change by change (incremental compiles, patched peer lists) must be exactly what a
 * compile from scratch of the same tailnet gives, whatever the changes.
 */
class IncrementalNetmapsTest {

    private static final List<String> POLICIES = List.of(
            "{\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"*:*\"]}]}",
            "{" + SmallTailnet.HEADER + """
                "acls": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443", "clinical:*"]},
                         {"action": "accept", "src": ["group:oncall"], "dst": ["tag:db:5432"]},
                         {"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]}],
                "ssh": [{"action": "accept", "src": ["group:eng"], "dst": ["tag:web"], "users": ["root"]}]
                """ + "}");

    private static final String[] TAGS = {"tag:web", "tag:db", "tag:router"};

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void changeByChangeEqualsFromScratch(int policyIndex) throws Exception {
        var policy = new PolicyParser().parse(POLICIES.get(policyIndex));
        PolicyNetmaps live = new PolicyNetmaps(new NetmapCompiler("https://c"));
        live.replacePolicy(policy);
        Map<Long, TailnetUser> users = new LinkedHashMap<>();
        SmallTailnet.tailnet().users().forEach(u -> users.put(u.id(), u));
        Map<Long, TailnetNode> nodes = new LinkedHashMap<>();
        SmallTailnet.tailnet().nodes().forEach(n -> nodes.put(n.id(), n));
        users.values().forEach(live::upsertUser);
        nodes.values().forEach(live::upsertNode);
        live.refresh();
        // The kind time travel uses: changes pile up between reads, which compile them and cut what is asked for.
        PolicyNetmaps onDemand = PolicyNetmaps.derivingOnDemand(new NetmapCompiler("https://c"));
        onDemand.replacePolicy(policy);
        users.values().forEach(onDemand::upsertUser);
        nodes.values().forEach(onDemand::upsertNode);
        assertThat(onDemand.refresh()).isEmpty();

        Random random = new Random(7 + policyIndex);
        long nextId = 100;
        for (int step = 0; step < 120; step++) {
            List<Long> ids = new ArrayList<>(nodes.keySet());
            long id = ids.get(random.nextInt(ids.size()));
            TailnetNode node = nodes.get(id);
            switch (random.nextInt(5)) {
                case 0 -> {
                    long fresh = nextId++;
                    TailnetNode joined = SmallTailnet.node(fresh, "n" + fresh, Optional.of(1 + random.nextLong(2)),
                            random.nextInt(3) == 0 ? Set.of(TAGS[random.nextInt(TAGS.length)]) : Set.of(),
                            "100.64.1." + fresh, List.of());
                    nodes.put(fresh, joined);
                    live.upsertNode(joined);
                    onDemand.upsertNode(joined);
                }
                case 1 -> {
                    if (nodes.size() > 3) {
                        nodes.remove(id);
                        live.removeNode(id);
                        onDemand.removeNode(id);
                    }
                }
                case 2 -> {
                    TailnetNode retagged = new TailnetNode(id, node.name(), node.userId(),
                            random.nextBoolean() ? Set.of() : Set.of(TAGS[random.nextInt(TAGS.length)]), node.ipv4(),
                            node.ipv6(), node.advertisedRoutes(), node.approvedRoutes(), node.registeredAt());
                    nodes.put(id, retagged);
                    live.upsertNode(retagged);
                    onDemand.upsertNode(retagged);
                }
                case 3 -> {
                    TailnetNode renamed = new TailnetNode(id, node.name() + "x", node.userId(), node.tags(), node.ipv4(),
                            node.ipv6(), node.advertisedRoutes(), node.approvedRoutes(), node.registeredAt());
                    nodes.put(id, renamed);
                    live.upsertNode(renamed);
                    onDemand.upsertNode(renamed);
                }
                default -> {
                    List<IpPrefix> routes = random.nextBoolean() ? List.of() : List.of(IpPrefix.parse("10.20.0.0/16"));
                    TailnetNode routing = new TailnetNode(id, node.name(), node.userId(), node.tags(), node.ipv4(),
                            node.ipv6(), routes, routes, node.registeredAt());
                    nodes.put(id, routing);
                    live.upsertNode(routing);
                    onDemand.upsertNode(routing);
                }
            }
            live.refresh();
            assertThat(onDemand.refresh()).isEmpty();

            PolicyNetmaps scratch = new PolicyNetmaps(new NetmapCompiler("https://c"));
            scratch.replacePolicy(policy);
            users.values().forEach(scratch::upsertUser);
            nodes.values().forEach(scratch::upsertNode);
            scratch.refresh();
            for (long nodeId : nodes.keySet()) {
                assertThat(live.netmap(nodeId)).as("step %d, node %d", step, nodeId).isEqualTo(scratch.netmap(nodeId));
            }
            if (step % 3 == 2) {
                for (long nodeId : nodes.keySet()) {
                    assertThat(onDemand.netmap(nodeId)).as("on demand, step %d, node %d", step, nodeId)
                            .isEqualTo(scratch.netmap(nodeId));
                }
            }
        }
    }
}
