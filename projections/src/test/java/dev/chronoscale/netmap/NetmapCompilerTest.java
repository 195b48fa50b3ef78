package dev.chronoscale.netmap;

import dev.chronoscale.netmap.result.NodeNetmap;
import dev.chronoscale.netmap.result.PeerView;
import static dev.chronoscale.netmap.SmallTailnet.ALICE_LAPTOP;
import static dev.chronoscale.netmap.SmallTailnet.ALICE_PHONE;
import static dev.chronoscale.netmap.SmallTailnet.BOB_LAPTOP;
import static dev.chronoscale.netmap.SmallTailnet.DB;
import static dev.chronoscale.netmap.SmallTailnet.ROUTER;
import static dev.chronoscale.netmap.SmallTailnet.WEB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.netmap.compile.CompiledTailnet;
import dev.chronoscale.netmap.compile.NetmapCompiler;
import dev.chronoscale.netmap.inventory.TailnetNode;
import dev.chronoscale.tailcfg.FilterRule;
import dev.chronoscale.tailcfg.NetPortRange;
import java.util.List;
import org.junit.jupiter.api.Test;

class NetmapCompilerTest {

    private static CompiledTailnet compile(String body) throws Exception {
        return new NetmapCompiler("https://control.example.com")
                .compile(new PolicyParser().parse("{" + SmallTailnet.HEADER + body + "}"), SmallTailnet.tailnet());
    }

    private static NodeNetmap netmap(CompiledTailnet compiled, TailnetNode node) {
        return compiled.netmapFor(node.id()).orElseThrow();
    }

    private static List<String> peerNames(NodeNetmap netmap) {
        return netmap.peers().stream().map(PeerView::name).sorted().toList();
    }

    @Test
    void groupToTagOnlyReachesTheTaggedNodeOnItsPort() throws Exception {
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web:443\"]}]");

        List<FilterRule> web = netmap(compiled, WEB).packetFilter();
        assertThat(web).hasSize(1);
        // alice's devices, but not the web server she registered: tagged nodes belong to their tags.
        assertThat(web.get(0).srcIps()).containsExactly("100.64.0.1-100.64.0.2", "fd7a:115c:a1e0::1-fd7a:115c:a1e0::2");
        assertThat(web.get(0).dstPorts()).extracting(NetPortRange::ip).containsExactly("100.64.0.4", "fd7a:115c:a1e0::4");
        assertThat(web.get(0).dstPorts().get(0).ports().first()).isEqualTo(443);

        assertThat(netmap(compiled, DB).packetFilter()).isEmpty();
        assertThat(netmap(compiled, ALICE_LAPTOP).packetFilter()).isEmpty();
        assertThat(peerNames(netmap(compiled, ALICE_LAPTOP))).containsExactly("web");
        assertThat(peerNames(netmap(compiled, WEB))).containsExactly("alice-laptop", "alice-phone");
        assertThat(peerNames(netmap(compiled, BOB_LAPTOP))).isEmpty();
    }

    @Test
    void aLoginWithATrailingAtNamesTheUserByName() throws Exception {
        // Headscale's form for users without an e-mail (every user token contains an @).
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"alice@\"], \"dst\": [\"bob@:22\"]}]");
        assertThat(netmap(compiled, BOB_LAPTOP).packetFilter().get(0).srcIps())
                .containsExactly("100.64.0.1-100.64.0.2", "fd7a:115c:a1e0::1-fd7a:115c:a1e0::2");
        assertThat(peerNames(netmap(compiled, ALICE_LAPTOP))).containsExactly("bob-laptop");
    }

    @Test
    void wildcardSourcesIncludeTailscaleSpaceAndApprovedRoutes() throws Exception {
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"*\"], \"dst\": [\"tag:db:5432\"]}]");
        FilterRule rule = netmap(compiled, DB).packetFilter().get(0);
        assertThat(rule.srcIps()).containsExactly("100.64.0.0-100.115.91.255", "100.115.94.0-100.127.255.255",
                "fd7a:115c:a1e0::/48", "10.20.0.0/16");
    }

    @Test
    void dangerAllIsSentAsStar() throws Exception {
        CompiledTailnet compiled = compile("\"grants\": [{\"src\": [\"autogroup:danger-all\"], \"dst\": [\"tag:web\"], \"ip\": [\"tcp:80\"]}]");
        assertThat(netmap(compiled, WEB).packetFilter().get(0).srcIps()).containsExactly("*");
        assertThat(netmap(compiled, WEB).packetFilter().get(0).ipProto()).containsExactly(6);
    }

    @Test
    void autogroupSelfOnlyConnectsAUsersOwnUntaggedDevices() throws Exception {
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"autogroup:member\"], \"dst\": [\"autogroup:self:*\"]}]");
        assertThat(peerNames(netmap(compiled, ALICE_LAPTOP))).containsExactly("alice-phone");
        assertThat(peerNames(netmap(compiled, BOB_LAPTOP))).isEmpty();
        assertThat(peerNames(netmap(compiled, WEB))).isEmpty();
        FilterRule rule = netmap(compiled, ALICE_PHONE).packetFilter().get(0);
        assertThat(rule.srcIps()).containsExactly("100.64.0.1-100.64.0.2", "fd7a:115c:a1e0::1-fd7a:115c:a1e0::2");
        assertThat(rule.dstPorts()).extracting(NetPortRange::ip).containsExactly("100.64.0.2", "fd7a:115c:a1e0::2");
    }

    @Test
    void subnetRouterReceivesRulesForItsSubnetAndPeersGetTheRoute() throws Exception {
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"group:oncall\"], \"dst\": [\"clinical:22\"]}]");
        FilterRule rule = netmap(compiled, ROUTER).packetFilter().get(0);
        assertThat(rule.dstPorts()).extracting(NetPortRange::ip).containsExactly("10.20.0.0/16");
        PeerView router = netmap(compiled, BOB_LAPTOP).peers().get(0);
        assertThat(router.name()).isEqualTo("router");
        assertThat(router.allowedIps()).contains("10.20.0.0/16");
        assertThat(router.primaryRoutes()).containsExactly("10.20.0.0/16");
        assertThat(peerNames(netmap(compiled, ALICE_LAPTOP))).isEmpty();
    }

    @Test
    void sshRulesNamePrincipalsAndMapUsers() throws Exception {
        CompiledTailnet compiled = compile("""
                "acls": [{"action": "accept", "src": ["group:oncall"], "dst": ["tag:db:22"]}],
                "ssh": [{"action": "check", "src": ["group:oncall"], "dst": ["tag:db"], "users": ["autogroup:nonroot"]}]
                """);
        var rules = netmap(compiled, DB).sshRules();
        assertThat(rules).hasSize(1);
        assertThat(rules.get(0).principals()).extracting(p -> p.nodeIp()).containsExactly("100.64.0.3", "fd7a:115c:a1e0::3");
        assertThat(rules.get(0).sshUsers()).containsEntry("*", "=").containsEntry("root", "");
        assertThat(rules.get(0).action().holdAndDelegate()).startsWith("https://control.example.com/machine/ssh/action/");
        assertThat(netmap(compiled, WEB).sshRules()).isEmpty();
    }

    @Test
    void theCheckPeriodOfASessionIsTheFirstCheckRuleCoveringItsNodesAndLocalUser() throws Exception {
        CompiledTailnet compiled = compile("""
                "acls": [{"action": "accept", "src": ["*"], "dst": ["*:22"]}],
                "ssh": [
                  {"action": "check", "src": ["group:oncall"], "dst": ["tag:db"], "users": ["root"], "checkPeriod": "1h"},
                  {"action": "check", "src": ["group:oncall"], "dst": ["tag:db"], "users": ["autogroup:nonroot"]},
                  {"action": "check", "src": ["group:eng"], "dst": ["autogroup:self"], "users": ["alice"], "checkPeriod": "always"},
                  {"action": "accept", "src": ["group:eng"], "dst": ["tag:db"], "users": ["root"]}
                ]
                """);
        assertThat(compiled.sshCheckPeriod(BOB_LAPTOP.id(), DB.id(), "root")).contains(java.time.Duration.ofHours(1));
        assertThat(compiled.sshCheckPeriod(BOB_LAPTOP.id(), DB.id(), "bob")).contains(java.time.Duration.ofHours(12));
        assertThat(compiled.sshCheckPeriod(ALICE_LAPTOP.id(), ALICE_PHONE.id(), "alice")).contains(java.time.Duration.ZERO);
        assertThat(compiled.sshCheckPeriod(ALICE_LAPTOP.id(), ALICE_PHONE.id(), "root")).isEmpty();
        assertThat(compiled.sshCheckPeriod(ALICE_LAPTOP.id(), BOB_LAPTOP.id(), "alice")).as("another user's device").isEmpty();
        assertThat(compiled.sshCheckPeriod(ALICE_LAPTOP.id(), DB.id(), "root")).as("an accept rule").isEmpty();
        assertThat(compiled.sshCheckPeriod(DB.id(), BOB_LAPTOP.id(), "root")).as("the wrong way round").isEmpty();
        assertThat(compiled.sshCheckPeriod(99, DB.id(), "root")).as("an unknown node").isEmpty();
    }

    @Test
    void sshPolicySerialisesAsTailscaleSends() throws Exception {
        CompiledTailnet compiled = compile("""
                "acls": [{"action": "accept", "src": ["group:oncall"], "dst": ["tag:db:22"]}],
                "ssh": [{"action": "accept", "src": ["group:oncall"], "dst": ["tag:db"], "users": ["root"]}]
                """);
        String json = new ObjectMapper().writeValueAsString(netmap(compiled, DB));
        assertThat(json).contains("\"SSHPolicy\":{\"rules\":[{\"principals\":[{\"nodeIP\":\"100.64.0.3\"}",
                "\"sshUsers\":{\"root\":\"root\"}", "\"action\":{\"accept\":true,\"allowAgentForwarding\":true");
    }

    @Test
    void nodeAttrsBecomeCapabilities() throws Exception {
        CompiledTailnet compiled = compile("\"nodeAttrs\": [{\"target\": [\"tag:web\"], \"attr\": [\"funnel\"]}]");
        assertThat(netmap(compiled, WEB).capMap()).containsKey("funnel");
        assertThat(netmap(compiled, DB).capMap()).doesNotContainKey("funnel");
    }

    @Test
    void autoApproversEnableAdvertisedRoutes() throws Exception {
        TailnetNode unapproved = new TailnetNode(7, "router2", java.util.Optional.empty(), java.util.Set.of("tag:router"),
                ROUTER.ipv4().next().next().next(), ROUTER.ipv6().next().next().next(),
                List.of(dev.chronoscale.domain.net.IpPrefix.parse("10.30.0.0/16")), List.of(), ROUTER.registeredAt());
        var tailnet = new dev.chronoscale.netmap.inventory.Tailnet(SmallTailnet.tailnet().users(),
                List.of(BOB_LAPTOP, unapproved));
        String policy = "{" + SmallTailnet.HEADER + """
                "acls": [{"action": "accept", "src": ["group:oncall"], "dst": ["10.30.0.0/16:*"]}],
                "autoApprovers": {"routes": {"10.0.0.0/8": ["tag:router"]}}
                """ + "}";
        CompiledTailnet compiled = new NetmapCompiler("https://c").compile(new PolicyParser().parse(policy), tailnet);
        assertThat(compiled.netmapFor(BOB_LAPTOP.id()).orElseThrow().peers().get(0).primaryRoutes())
                .containsExactly("10.30.0.0/16");
    }

    @Test
    void wireShapeUsesTailscaleFieldNames() throws Exception {
        CompiledTailnet compiled = compile("\"acls\": [{\"action\": \"accept\", \"src\": [\"group:eng\"], \"dst\": [\"tag:web:443\"], \"proto\": \"tcp\"}]");
        String json = new ObjectMapper().writeValueAsString(netmap(compiled, WEB).packetFilter().get(0));
        assertThat(json).contains("\"SrcIPs\"", "\"DstPorts\"", "\"IP\"", "\"Ports\"", "\"First\":443", "\"Last\":443",
                "\"IPProto\":[6]").doesNotContain("CapGrant");
    }
}
