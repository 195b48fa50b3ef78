package dev.chronoscale.gateway.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.domain.policy.PolicyParser;
import dev.chronoscale.gateway.mapstream.MapMessageReader;
import dev.chronoscale.tailcfg.DerpMap;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NodeClient;
import dev.chronoscale.netmap.NetmapUser;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Map streams under a policy: alice's node 1 may reach the tagged server 2 on 443; carol's node 3
 * has no business with either. What each stream receives when the policy is set, changed, and when
 * the server's route is approved.
 */
class MapStreamingPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String A_TO_SERVER = """
            {"groups": {"group:a": ["alice@example.com"]},
             "tagOwners": {"tag:server": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["group:a"], "dst": ["tag:server:443"]}],
             "nodeAttrs": [{"target": ["tag:server"], "attr": ["funnel"]}]}
            """;
    private static final String A_TO_SERVER_AND_SUBNET = """
            {"groups": {"group:a": ["alice@example.com"]},
             "tagOwners": {"tag:server": ["alice@example.com"]},
             "acls": [{"action": "accept", "src": ["group:a"], "dst": ["tag:server:443", "10.1.0.0/24:*"]}],
             "nodeAttrs": [{"target": ["tag:server"], "attr": ["funnel"]}]}
            """;

    private final Netmap netmap = new Netmap();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    private MapStreaming streaming;

    @BeforeEach
    void setUp() {
        streaming = new MapStreaming(netmap, BasePeerRule.ALLOW_ALL, new MapSettings("tail.example",
                DnsSettings.of(true, List.of(), List.of("tail.example")), true, new DerpMap(Map.of()), Duration.ofSeconds(50), Duration.ofHours(1), Duration.ZERO),
                Clock.fixed(NOW, ZoneOffset.UTC), timers);
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com"));
        netmap.userUpdated(new NetmapUser(2, "carol", "Carol", "carol@example.com"));
        netmap.joined(node(1, 1, List.of()));
        netmap.joined(node(2, 1, List.of("tag:server")));
        netmap.joined(node(3, 2, List.of()));
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    private static NetmapNode node(long id, long user, List<String> tags) {
        String hex = HexFormat.of().toHexDigits(id).repeat(4);
        return new NetmapNode(id, "mkey:" + hex, "nodekey:" + hex, Optional.empty(), Optional.of(user), tags,
                "host" + id, "node" + id, Optional.of("100.64.0." + id), Optional.of("fd7a:115c:a1e0::" + id),
                Optional.empty(), false, List.of(), 0, List.of(), List.of(), NOW.plusSeconds(id), NodeClient.UNKNOWN);
    }

    private final class Stream {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final MapMessageReader reader = new MapMessageReader();

        Stream(long nodeId) {
            assertThat(streaming.start(streaming.newSession(nodeId, channel, true))).isTrue();
        }

        List<JsonNode> messages() throws Exception {
            channel.runPendingTasks();
            List<JsonNode> messages = new ArrayList<>();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                if (out instanceof HttpContent content) {
                    for (byte[] json : reader.feed(content.content())) {
                        messages.add(JSON.readTree(json));
                    }
                    content.release();
                }
            }
            return messages;
        }
    }

    private static List<Long> ids(JsonNode nodes) {
        List<Long> ids = new ArrayList<>();
        if (nodes != null) {
            nodes.forEach(n -> ids.add(n.isNumber() ? n.asLong() : n.get("ID").asLong()));
        }
        return ids;
    }

    private void setPolicy(String text) throws Exception {
        netmap.policyReplaced(new PolicyParser().parse(text));
    }

    @Test
    void aPolicySetWhileStreamsAreOpenSendsEachAffectedStreamOneDelta() throws Exception {
        Stream one = new Stream(1);
        Stream two = new Stream(2);
        Stream three = new Stream(3);
        assertThat(ids(one.messages().get(0).get("Peers"))).as("allow-all before").containsExactly(2L, 3L);
        two.messages();
        three.messages();

        setPolicy(A_TO_SERVER);

        List<JsonNode> toOneAll = one.messages();
        assertThat(toOneAll).hasSize(1);
        JsonNode toOne = toOneAll.get(0);
        assertThat(toOne.has("Peers")).as("the first policy is a delta from the allow-all view").isFalse();
        assertThat(ids(toOne.get("PeersRemoved"))).containsExactly(3L);
        assertThat(ids(toOne.get("PeersChanged"))).as("peer 2 is seen as before").isEmpty();
        assertThat(toOne.get("PacketFilters").get("base")).isEmpty();
        assertThat(toOne.get("SSHPolicy").get("rules")).isEmpty();

        List<JsonNode> toTwo = two.messages();
        assertThat(toTwo).hasSize(1);
        JsonNode rule = toTwo.get(0).get("PacketFilters").get("base").get(0);
        assertThat(rule.get("SrcIPs").toString()).contains("100.64.0.1").doesNotContain("100.64.0.3");
        assertThat(rule.get("DstPorts").get(0).get("Ports").get("First").asInt()).isEqualTo(443);
        assertThat(ids(toTwo.get(0).get("PeersRemoved"))).containsExactly(3L);
        assertThat(toTwo.get(0).get("Node").get("CapMap").has("funnel")).as("nodeAttrs in the self node").isTrue();

        assertThat(ids(three.messages().getLast().get("PeersRemoved"))).as("no peer left: all removed")
                .containsExactly(1L, 2L);

        setPolicy(A_TO_SERVER_AND_SUBNET.replace("10.1.0.0/24:*", "carol@example.com:22"));
        JsonNode delta = one.messages().getLast();
        assertThat(delta.has("Peers")).as("later changes are deltas").isFalse();
        assertThat(ids(delta.get("PeersChanged"))).containsExactly(3L);
        assertThat(ids(three.messages().getLast().get("PeersChanged"))).containsExactly(1L);
        assertThat(two.messages()).as("nothing changed for the server").isEmpty();
    }

    @Test
    void underAPolicyAFirstMapAndLaterChangesShowOnlyWhatThePolicyAllows() throws Exception {
        setPolicy(A_TO_SERVER);
        Stream one = new Stream(1);
        Stream three = new Stream(3);
        JsonNode first = one.messages().get(0);
        assertThat(ids(first.get("Peers"))).containsExactly(2L);
        assertThat(first.get("PacketFilters").get("base")).isEmpty();
        assertThat(ids(three.messages().get(0).get("Peers"))).isEmpty();

        netmap.updated(2, n -> n.withGivenName("renamed"));
        assertThat(one.messages()).as("the node delta only; the policy netmap's change of name adds nothing")
                .singleElement().satisfies(m -> assertThat(ids(m.get("PeersChanged"))).containsExactly(2L));
        assertThat(three.messages()).as("node 3 does not learn of the server").isEmpty();

        netmap.updated(3, n -> n.withTags(List.of("tag:server")));
        assertThat(ids(one.messages().getLast().get("PeersChanged"))).as("node 3 is now a server node 1 may reach")
                .containsExactly(3L);
    }

    @Test
    void anApprovedRouteJoinsTheRoutersAllowedIpsWhereThePolicyLetsTheViewerUseIt() throws Exception {
        setPolicy(A_TO_SERVER_AND_SUBNET);
        Stream one = new Stream(1);
        one.messages();

        netmap.updated(2, n -> n.withRoutes(List.of("10.1.0.0/24"), List.of()));
        netmap.updated(2, n -> n.withRoutes(List.of("10.1.0.0/24"), List.of("10.1.0.0/24")));

        JsonNode router = one.messages().stream().filter(m -> m.has("PeersChanged"))
                .map(m -> m.get("PeersChanged").get(0)).filter(p -> p.get("AllowedIPs").toString().contains("10.1.0.0/24"))
                .findFirst().orElseThrow();
        assertThat(router.get("ID").asLong()).isEqualTo(2);
        assertThat(router.get("PrimaryRoutes").get(0).asText()).isEqualTo("10.1.0.0/24");
    }
}
