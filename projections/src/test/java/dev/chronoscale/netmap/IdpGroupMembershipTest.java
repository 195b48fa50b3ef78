package dev.chronoscale.netmap;

import dev.chronoscale.domain.net.IpPrefix;
import dev.chronoscale.domain.policy.Policy;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.compile.RouteAutoApproval;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.netmap.inventory.TailnetUser;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A policy group's {@code idp:} members wherever groups are resolved: tests, SSH tests, autoApprovers. */
class IdpGroupMembershipTest {

    /** bob is in Keycloak's /ops/oncall; alice is in no group. */
    private static final TailnetUser BOB = new TailnetUser(2, "bob", "bob@example.com", java.util.Set.of(), List.of("/ops/oncall"));

    private static Tailnet tailnet() {
        return new Tailnet(List.of(SmallTailnet.ALICE, BOB), SmallTailnet.tailnet().nodes());
    }

    private static final String POLICY = """
            {"groups": {"group:ops": ["idp:/ops"]},
             "tagOwners": {"tag:db": ["alice@example.com"], "tag:web": ["alice@example.com"], "tag:router": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["group:ops"], "dst": ["tag:db:5432"]}],
             "ssh": [{"action": "accept", "src": ["group:ops"], "dst": ["tag:db"], "users": ["postgres"]}],
             "autoApprovers": {"routes": {"10.30.0.0/16": ["group:ops"]}},
            """;

    private final PolicyTestEvaluator evaluator = new PolicyTestEvaluator(new NetmapCompiler("https://c"),
            IdpGroupMembershipTest::tailnet);

    private void validate(String tests) throws Exception {
        evaluator.requirePassing(new PolicyParser().parse(POLICY + tests + "}"));
    }

    @Test
    void aSubgroupsMemberPassesThePolicysTestsAndSshTests() {
        assertThatCode(() -> validate("""
                "tests": [{"src": "bob@example.com", "accept": ["tag:db:5432"]},
                          {"src": "alice@example.com", "deny": ["tag:db:5432"]}],
                "sshTests": [{"src": "bob@example.com", "dst": ["tag:db"], "accept": ["postgres"]}]
                """)).doesNotThrowAnyException();
        assertThatThrownBy(() -> validate("\"tests\": [{\"src\": \"alice@example.com\", \"accept\": [\"tag:db:5432\"]}]"))
                .hasMessageContaining("alice@example.com -> tag:db:5432: expected ALLOWED, got DENIED");
    }

    @Test
    void autoApproversApproveTheRoutesOfAGroupsIdpMembers() throws Exception {
        Policy policy = new PolicyParser().parse(POLICY.stripTrailing().replaceAll(",$", "") + "}");
        IpPrefix route = IpPrefix.parse("10.30.0.0/16");
        TailnetNode bobsRouter = new TailnetNode(7, "bob-router", Optional.of(BOB.id()), Set.of(),
                SmallTailnet.BOB_LAPTOP.ipv4(), SmallTailnet.BOB_LAPTOP.ipv6(), List.of(route), List.of(),
                SmallTailnet.BOB_LAPTOP.registeredAt());
        assertThat(RouteAutoApproval.apply(policy, bobsRouter, Map.of(BOB.id(), BOB)).approvedRoutes()).containsExactly(route);
        TailnetUser bobWithoutGroups = new TailnetUser(BOB.id(), BOB.name(), BOB.email());
        assertThat(RouteAutoApproval.apply(policy, bobsRouter, Map.of(BOB.id(), bobWithoutGroups)).approvedRoutes()).isEmpty();
    }
}
