package dev.chronoscale.netmap;

import dev.chronoscale.netmap.result.NodeNetmap;
import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.domain.net.IpAddress;
import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Incremental updates must end where a compilation from scratch ends: random node additions, removals,
 * re-taggings, owner changes and route changes, each applied incrementally, then every netmap compared with
 * a fresh compile of the final tailnet (and the projection's view of it).
 */
class IncrementalCompilationTest {

    private static final String POLICY = """
            {
              "groups": {"group:eng": ["u0@example.com", "u1@example.com"], "group:ops": ["u2@example.com"]},
              "tagOwners": {"tag:web": ["group:eng"], "tag:db": ["group:eng"], "tag:router": ["group:ops"]},
              "hosts": {"lab": "10.30.0.0/16"},
              "autoApprovers": {"routes": {"10.0.0.0/8": ["tag:router"]}},
              "acls": [
                {"action": "accept", "src": ["group:eng"], "dst": ["tag:web:443", "tag:db:5432"]},
                {"action": "accept", "src": ["group:ops"], "dst": ["*:22", "lab:*"]},
                {"action": "accept", "src": ["autogroup:member"], "dst": ["autogroup:self:*"]},
                {"action": "accept", "src": ["tag:web"], "dst": ["tag:db:5432"]},
                {"action": "accept", "src": ["*"], "dst": ["tag:web:80"]}
              ],
              "grants": [{"src": ["u3@example.com"], "dst": ["tag:db"], "app": {"example.com/cap/db": [{"ro": true}]}}],
              "ssh": [{"action": "accept", "src": ["group:ops"], "dst": ["tag:db", "tag:web"], "users": ["root"]},
                      {"action": "check", "src": ["autogroup:member"], "dst": ["autogroup:self"], "users": ["autogroup:nonroot"]},
                      {"action": "accept", "src": ["tag:web"], "dst": ["tag:db"], "users": ["postgres"]}],
              "nodeAttrs": [{"target": ["tag:db"], "attr": ["funnel"]}]
            }
            """;

    private static final List<Set<String>> TAGS = List.of(Set.of(), Set.of(), Set.of("tag:web"), Set.of("tag:db"),
            Set.of("tag:router"), Set.of("tag:web", "tag:db"));

    @Test
    void randomNodeChangesEndWhereAFullCompileEnds() throws Exception {
        Policy policy = new PolicyParser().parse(POLICY);
        NetmapCompiler compiler = new NetmapCompiler("https://c");
        Random random = new Random(42);
        List<TailnetUser> users = List.of(new TailnetUser(1, "u0", "u0@example.com"),
                new TailnetUser(2, "u1", "u1@example.com"), new TailnetUser(3, "u2", "u2@example.com"),
                new TailnetUser(4, "u3", "u3@example.com"));
        Map<Long, TailnetNode> nodes = new LinkedHashMap<>();
        for (long id = 1; id <= 30; id++) {
            nodes.put(id, randomNode(id, random));
        }
        CompiledTailnet incremental = compiler.compile(policy, new Tailnet(users, List.copyOf(nodes.values())));
        PolicyNetmaps projection = new PolicyNetmaps(compiler);
        projection.replacePolicy(policy);
        users.forEach(projection::upsertUser);
        nodes.values().forEach(projection::upsertNode);
        projection.refresh();

        for (int step = 0; step < 300; step++) {
            long id = 1 + random.nextInt(36);
            Optional<TailnetNode> change = random.nextInt(6) == 0 ? Optional.empty() : Optional.of(randomNode(id, random));
            change.ifPresentOrElse(n -> nodes.put(id, n), () -> nodes.remove(id));
            incremental = incremental.withNodeChange(id, change);
            change.ifPresentOrElse(projection::upsertNode, () -> projection.removeNode(id));
            if (step % 3 == 0) {
                projection.refresh();
            }

            if (step % 10 == 9) {
                projection.refresh();
                CompiledTailnet fresh = compiler.compile(policy, new Tailnet(users, List.copyOf(nodes.values())));
                for (long nodeId : nodes.keySet()) {
                    var expected = canonical(fresh, nodeId);
                    assertThat(canonical(incremental, nodeId)).as("incremental, node %d after step %d", nodeId, step)
                            .isEqualTo(expected);
                    assertThat(projection.netmap(nodeId).map(IncrementalCompilationTest::canonical))
                            .as("projection, node %d after step %d", nodeId, step).contains(expected);
                }
            }
        }
    }

    private static TailnetNode randomNode(long id, Random random) {
        Set<String> tags = TAGS.get(random.nextInt(TAGS.size()));
        Optional<Long> user = Optional.of(1L + random.nextInt(4));
        List<IpPrefix> routes = tags.contains("tag:router") && random.nextBoolean()
                ? List.of(IpPrefix.parse("10.30.0.0/16")) : List.of();
        // Neighbouring addresses, so that address blocks merge and split as nodes come and go.
        IpAddress v4 = IpAddress.parse("100.64.0." + id);
        IpAddress v6 = IpAddress.parse("fd7a:115c:a1e0::" + Long.toHexString(id));
        return new TailnetNode(id, "n" + id, user, tags, v4, v6, routes, List.of(), Instant.ofEpochSecond(id));
    }

    private static String canonical(CompiledTailnet compiled, long nodeId) {
        return compiled.netmapFor(nodeId).map(IncrementalCompilationTest::canonical).orElse("absent");
    }

    private static String canonical(NodeNetmap netmap) {
        List<String> rules = new ArrayList<>(netmap.packetFilter().stream().map(Object::toString).toList());
        rules.sort(null);
        List<String> peers = new ArrayList<>(netmap.peers().stream().map(Object::toString).toList());
        peers.sort(null);
        List<String> ssh = new ArrayList<>(netmap.sshRules().stream().map(Object::toString).toList());
        ssh.sort(null);
        return rules + "\n" + peers + "\n" + ssh + "\n" + netmap.capMap();
    }
}
