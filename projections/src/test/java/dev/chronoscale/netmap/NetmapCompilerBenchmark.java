package dev.chronoscale.netmap;

import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.result.NodeNetmap;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Prints how long the compiler takes on a 10,000-node tailnet with a 500-rule policy. Run from the IDE or:
 * {@code java -cp <test classpath> dev.chronoscale.netmap.NetmapCompilerBenchmark}. Figures are medians.
 */
public final class NetmapCompilerBenchmark {

    private static final int ROUNDS = 7;

    public static void main(String[] args) throws Exception {
        Tailnet tailnet = SyntheticTailnet.tailnet();
        String policyText = SyntheticTailnet.policy();
        PolicyParser parser = new PolicyParser();
        Policy policy = parser.parse(policyText);
        NetmapCompiler compiler = new NetmapCompiler("https://control.example.com");
        int rules = policy.acls().orElseThrow().size() + policy.grants().orElseThrow().size();
        System.out.printf("tailnet: %d nodes, %d users; policy: %d access rules, %d ssh rules%n",
                tailnet.nodes().size(), tailnet.users().size(), rules, policy.ssh().size());

        report("parse + validate policy", () -> parseQuietly(parser, policyText));
        CompiledTailnet compiled = report("compile policy against tailnet", () -> compiler.compile(policy, tailnet));
        report("packet filters + SSH + caps + peers, all nodes", () -> allNetmaps(compiled, tailnet));
        TailnetNode member = tailnet.nodes().get(0);
        TailnetNode service = tailnet.nodes().get(SyntheticTailnet.USERS * SyntheticTailnet.DEVICES_PER_USER);
        report("one member node's netmap", () -> compiled.netmapFor(member.id()).orElseThrow());
        report("one service node's netmap", () -> compiled.netmapFor(service.id()).orElseThrow());

        int[] flip = {0};
        TailnetNode member0 = tailnet.nodes().get(456);
        report("compiled.withNodeChange: one node re-tagged", () -> compiled.withNodeChange(member0.id(), Optional.of(
                new TailnetNode(member0.id(), member0.name(), member0.userId(),
                        flip[0]++ % 2 == 0 ? Set.of("tag:svc-7") : Set.of(), member0.ipv4(), member0.ipv6(),
                        member0.advertisedRoutes(), member0.approvedRoutes(), member0.registeredAt()))));
        TailnetNode newcomer = SyntheticTailnet.node(tailnet.nodes().size() + 1, "newcomer", Optional.of(42L), Set.of(), List.of());
        report("compiled.withNodeChange: one node registered", () -> compiled.withNodeChange(newcomer.id(), Optional.of(newcomer)));

        PolicyNetmaps projection = new PolicyNetmaps(compiler);
        projection.replacePolicy(policy);
        tailnet.nodes().forEach(projection::upsertNode);
        tailnet.users().forEach(projection::upsertUser);
        long start = System.nanoTime();
        int built = projection.refresh().size();
        System.out.printf("%-50s once   %8.1f ms   [%d]%n", "projection: first full build (all nodes)",
                (System.nanoTime() - start) / 1e6, built);
        int[] round = {0, 0};
        report("projection: one node re-tagged, refresh", () -> {
            TailnetNode changed = tailnet.nodes().get(123);
            Set<String> tags = round[0]++ % 2 == 0 ? Set.of("tag:svc-3") : Set.of();
            projection.upsertNode(new TailnetNode(changed.id(), changed.name(), changed.userId(), tags, changed.ipv4(),
                    changed.ipv6(), changed.advertisedRoutes(), changed.approvedRoutes(), changed.registeredAt()));
            return projection.refresh().size();
        });
        report("projection: one node's routes changed, refresh", () -> {
            // The first router: primary for 10.0.0.0/16, which group:team-0 may reach.
            TailnetNode router = tailnet.nodes().get(tailnet.nodes().size() - SyntheticTailnet.ROUTERS);
            List<dev.chronoscale.domain.net.IpPrefix> routes = round[1]++ % 2 == 0 ? List.of() : router.approvedRoutes();
            projection.upsertNode(new TailnetNode(router.id(), router.name(), router.userId(), router.tags(),
                    router.ipv4(), router.ipv6(), router.advertisedRoutes(), routes, router.registeredAt()));
            return projection.refresh().size();
        });
    }

    private static Policy parseQuietly(PolicyParser parser, String text) {
        try {
            return parser.parse(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int allNetmaps(CompiledTailnet compiled, Tailnet tailnet) {
        int peers = 0;
        for (TailnetNode node : tailnet.nodes()) {
            NodeNetmap netmap = compiled.netmapFor(node.id()).orElseThrow();
            peers += netmap.peers().size();
        }
        return peers;
    }

    private static <T> T report(String what, Supplier<T> work) {
        long[] nanos = new long[ROUNDS];
        T result = null;
        for (int i = 0; i < ROUNDS; i++) {
            long start = System.nanoTime();
            result = work.get();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("%-50s median %8.1f ms   (min %.1f, max %.1f)%s%n", what, nanos[ROUNDS / 2] / 1e6,
                nanos[0] / 1e6, nanos[ROUNDS - 1] / 1e6, result instanceof Integer n ? "   [" + n + "]" : "");
        return result;
    }

}
