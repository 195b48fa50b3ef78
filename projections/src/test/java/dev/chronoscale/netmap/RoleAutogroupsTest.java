package dev.chronoscale.netmap;

import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.domain.user.UserRole;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.Tailnet;
import dev.chronoscale.netmap.inventory.TailnetUser;
import dev.chronoscale.netmap.result.PeerView;
import dev.chronoscale.tailcfg.FilterRule;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static dev.chronoscale.netmap.SmallTailnet.ALICE_LAPTOP;
import static dev.chronoscale.netmap.SmallTailnet.ALICE_PHONE;
import static dev.chronoscale.netmap.SmallTailnet.BOB_LAPTOP;
import static dev.chronoscale.netmap.SmallTailnet.DB;
import static dev.chronoscale.netmap.SmallTailnet.ROUTER;
import static dev.chronoscale.netmap.SmallTailnet.WEB;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code autogroup:admin} and the other role autogroups stand for the untagged devices of the users holding the role. */
class RoleAutogroupsTest {

    private static CompiledTailnet compile(String body, Set<UserRole> aliceRoles, Set<UserRole> bobRoles) throws Exception {
        Tailnet tailnet = new Tailnet(List.of(new TailnetUser(1, "alice", "alice@example.com", aliceRoles, List.of()),
                new TailnetUser(2, "bob", "bob@example.com", bobRoles, List.of())), List.of(ALICE_LAPTOP, ALICE_PHONE, BOB_LAPTOP, WEB, DB, ROUTER));
        return new NetmapCompiler("https://control.example.com").compile(new PolicyParser().parse("{" + SmallTailnet.HEADER + body + "}"), tailnet);
    }

    private static List<String> sources(CompiledTailnet compiled) {
        List<FilterRule> rules = compiled.netmapFor(DB.id()).orElseThrow().packetFilter();
        return rules.isEmpty() ? List.of() : rules.get(0).srcIps();
    }

    @Test
    void aRoleAutogroupIsTheUntaggedDevicesOfTheUsersWithThatRole() throws Exception {
        String policy = "\"acls\": [{\"action\": \"accept\", \"src\": [\"autogroup:network-admin\"], \"dst\": [\"tag:db:5432\"]}]";

        // alice's web server is tagged: it belongs to its tag, not to her role.
        assertThat(sources(compile(policy, Set.of(UserRole.NETWORK_ADMIN), Set.of(UserRole.AUDITOR))))
                .containsExactly("100.64.0.1-100.64.0.2", "fd7a:115c:a1e0::1-fd7a:115c:a1e0::2");
        assertThat(sources(compile(policy, Set.of(UserRole.ADMIN), Set.of(UserRole.NETWORK_ADMIN, UserRole.MEMBER))))
                .containsExactly("100.64.0.3", "fd7a:115c:a1e0::3");
        assertThat(sources(compile(policy, Set.of(UserRole.ADMIN), Set.of()))).isEmpty();
    }

    @Test
    void ownerAndItAdminAreTheAdminsAndBillingAdminIsNobody() throws Exception {
        for (String autogroup : List.of("autogroup:admin", "autogroup:owner", "autogroup:it-admin")) {
            assertThat(sources(compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"" + autogroup + "\"], \"dst\": [\"tag:db:5432\"]}]",
                    Set.of(), Set.of(UserRole.ADMIN)))).as(autogroup).containsExactly("100.64.0.3", "fd7a:115c:a1e0::3");
        }
        assertThat(sources(compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"autogroup:billing-admin\"], \"dst\": [\"tag:db:5432\"]}]",
                Set.of(UserRole.ADMIN), Set.of(UserRole.ADMIN)))).isEmpty();
    }

    @Test
    void aRoleAutogroupAsDestinationAndInGrantsAndNodeAttrs() throws Exception {
        CompiledTailnet compiled = compile("\"grants\": [{\"src\": [\"tag:web\"], \"dst\": [\"autogroup:auditor\"], \"ip\": [\"tcp:22\"]}],"
                        + "\"nodeAttrs\": [{\"target\": [\"autogroup:admin\"], \"attr\": [\"randomize-client-port\"]}]",
                Set.of(UserRole.AUDITOR), Set.of(UserRole.ADMIN));
        assertThat(compiled.netmapFor(ALICE_LAPTOP.id()).orElseThrow().packetFilter()).hasSize(1);
        assertThat(compiled.netmapFor(BOB_LAPTOP.id()).orElseThrow().packetFilter()).isEmpty();
        assertThat(compiled.netmapFor(WEB.id()).orElseThrow().peers()).extracting(PeerView::name)
                .containsExactlyInAnyOrder("alice-laptop", "alice-phone");
        assertThat(compiled.netmapFor(BOB_LAPTOP.id()).orElseThrow().capMap()).containsKey("randomize-client-port");
        assertThat(compiled.netmapFor(ALICE_LAPTOP.id()).orElseThrow().capMap()).doesNotContainKey("randomize-client-port");
    }
}
