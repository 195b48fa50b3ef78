package dev.chronoscale.tools.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.chronoscale.domain.policy.AclRule;
import dev.chronoscale.domain.policy.Grant;
import dev.chronoscale.domain.policy.InvalidPolicyException;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.compile.RulePacketFilters;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.tailcfg.FilterRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The access matrix cuts each rule's packet filter from one compile of the whole policy. On every accepted policy of
 * the conformance corpus, that must be exactly what compiling a policy with that rule alone gives, for every node.
 */
class RulePacketFiltersConformanceTest {

    private final NetmapCompiler compiler = new NetmapCompiler("https://unused");

    @Test
    void eachRuleCutFromTheWholeCompileIsThatRuleCompiledAlone() throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(TailscaleCapturesConformanceTest.corpus())) {
            files = walk.filter(p -> p.toString().endsWith(".hujson") && Files.isRegularFile(p)).sorted().toList();
        }
        int compared = 0;
        int withRows = 0;
        for (Path file : files) {
            Optional<Accepted> accepted = accepted(file);
            if (accepted.isEmpty()) {
                continue;
            }
            CaptureCase capture = accepted.get().capture();
            Policy policy = accepted.get().policy();
            RulePacketFilters cut = compiler.compile(policy, capture.tailnet()).rulePacketFilters();
            List<Policy> alone = rulesAlone(policy);
            assertThat(cut.size()).as(file.toString()).isEqualTo(alone.size());
            List<CompiledTailnet> compiledAlone = alone.stream().map(p -> compiler.compile(p, capture.tailnet())).toList();
            for (TailnetNode node : capture.tailnet().nodes()) {
                Optional<List<List<FilterRule>>> perRule = cut.forNode(node.id());
                for (int r = 0; r < alone.size(); r++) {
                    int rule = r;
                    List<FilterRule> expected = compiledAlone.get(r).netmapFor(node.id()).map(NodeNetmap::packetFilter)
                            .orElse(List.of());
                    List<FilterRule> actual = perRule.map(filters -> filters.get(rule)).orElse(List.of());
                    assertThat(actual).as("%s, rule %d, node %s", file.getFileName(), r, node.name()).isEqualTo(expected);
                    compared++;
                    withRows += expected.isEmpty() ? 0 : 1;
                }
            }
        }
        assertThat(compared).as("rule and node pairs compared").isGreaterThan(1000);
        assertThat(withRows).as("pairs whose filter is not empty").isGreaterThan(100);
    }

    private record Accepted(CaptureCase capture, Policy policy) {
    }

    private static Optional<Accepted> accepted(Path file) {
        try {
            CaptureCase capture = CaptureCase.read(file);
            if (capture.rejected()) {
                return Optional.empty();
            }
            return Optional.of(new Accepted(capture, new PolicyParser(capture.tailnetDomains()).parse(capture.policyText())));
        } catch (IOException | InvalidPolicyException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The policy with one ACL or grant at a time: ACLs first, then grants, as the access matrix names them. */
    private static List<Policy> rulesAlone(Policy policy) {
        List<Policy> out = new ArrayList<>();
        for (AclRule acl : policy.acls().orElse(List.of())) {
            out.add(alone(policy, Optional.of(List.of(acl)), Optional.empty()));
        }
        for (Grant grant : policy.grants().orElse(List.of())) {
            out.add(alone(policy, Optional.empty(), Optional.of(List.of(grant))));
        }
        return out;
    }

    private static Policy alone(Policy policy, Optional<List<AclRule>> acls, Optional<List<Grant>> grants) {
        return new Policy(policy.groups(), policy.tagOwners(), policy.hosts(), policy.ipSets(), acls, grants, List.of(),
                policy.nodeAttrs(), policy.autoApprovers(), List.of(), List.of(), policy.randomizeClientPort());
    }
}
