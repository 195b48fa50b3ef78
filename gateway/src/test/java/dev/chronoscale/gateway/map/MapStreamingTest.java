package dev.chronoscale.gateway.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chronoscale.gateway.mapstream.MapMessageReader;
import dev.chronoscale.tailcfg.DerpMap;
import dev.chronoscale.netmap.BasePeerRule;
import dev.chronoscale.netmap.Netmap;
import dev.chronoscale.netmap.NetmapNode;
import dev.chronoscale.netmap.NodeClient;
import dev.chronoscale.netmap.NetmapUser;
import dev.chronoscale.domain.node.PeerService;
import dev.chronoscale.tailcfg.DnsConfig.DnsRecord;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.LastHttpContent;
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
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fan-out of netmap changes to map streams, on in-memory streams: which streams get which
 * message, in which order, and what a new stream or a closed one does.
 */
class MapStreamingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Netmap netmap = new Netmap();
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor();
    /** Node 3 is kept apart: it sees nobody and nobody sees it, as a policy could arrange. */
    private final BasePeerRule visibility = (viewer, peer, now) ->
            BasePeerRule.ALLOW_ALL.canSee(viewer, peer, now) && viewer.id() != 3 && peer.id() != 3;
    private final List<String> presence = new ArrayList<>();
    private MapStreaming streaming;

    @BeforeEach
    void setUp() {
        streaming = streaming(Duration.ofHours(1));
        netmap.userUpdated(new NetmapUser(1, "alice", "Alice", "alice@example.com"));
        for (long id = 1; id <= 3; id++) {
            netmap.joined(node(id));
        }
    }

    private MapStreaming streaming(Duration grace) {
        return streaming(grace, Duration.ZERO);
    }

    private MapStreaming streaming(Duration grace, Duration batchDelay) {
        return streaming(new MapSettings("tail.example",
                DnsSettings.of(true, List.of("1.1.1.1"), List.of("tail.example")), true, new DerpMap(Map.of()),
                Duration.ofSeconds(50), grace, batchDelay));
    }

    private MapStreaming streaming(MapSettings settings) {
        MapStreaming created = new MapStreaming(netmap, visibility, settings, Clock.fixed(NOW, ZoneOffset.UTC), timers);
        created.presence().addListener(new PresenceListener() {
            @Override
            public void online(NetmapNode node, Optional<String> from) {
                presence.add("online " + node.id());
            }

            @Override
            public void offline(NetmapNode node) {
                presence.add("offline " + node.id());
            }
        });
        return created;
    }

    @AfterEach
    void tearDown() {
        timers.shutdownNow();
    }

    private static NetmapNode node(long id) {
        String hex = HexFormat.of().toHexDigits(id).repeat(4);
        return new NetmapNode(id, "mkey:" + hex, "nodekey:" + hex, Optional.empty(), Optional.of(1L), List.of(),
                "host" + id, "node" + id, Optional.of("100.64.0." + id), Optional.empty(), Optional.empty(), false,
                List.of(), 0, List.of(), List.of(), NOW, NodeClient.UNKNOWN);
    }

    /** A stream as the streaming sees it, and the messages a client would decode from it. */
    private static final class Stream {
        final EmbeddedChannel channel = new EmbeddedChannel();
        final MapMessageReader reader = new MapMessageReader();
        boolean ended;

        List<JsonNode> messages() throws Exception {
            channel.runPendingTasks();
            List<JsonNode> messages = new ArrayList<>();
            for (Object out; (out = channel.readOutbound()) != null; ) {
                if (out instanceof LastHttpContent) {
                    ended = true;
                } else if (out instanceof HttpContent content) {
                    for (byte[] json : reader.feed(content.content())) {
                        messages.add(JSON.readTree(json));
                    }
                    content.release();
                }
            }
            return messages;
        }
    }

    private Stream open(long nodeId) {
        Stream stream = new Stream();
        assertThat(streaming.start(streaming.newSession(nodeId, stream.channel, true))).isTrue();
        return stream;
    }

    @Test
    void theFirstMessageIsTheCompleteMapOfWhatTheNodeMaySee() throws Exception {
        JsonNode first = open(1).messages().get(0);
        assertThat(first.get("Node").get("Name").asText()).isEqualTo("node1.tail.example.");
        assertThat(first.get("Node").get("MachineAuthorized").asBoolean()).isTrue();
        assertThat(first.get("Peers")).hasSize(1);
        assertThat(first.get("Peers").get(0).get("ID").asLong()).isEqualTo(2);
        assertThat(first.get("DNSConfig").get("Resolvers").get(0).get("Addr").asText()).isEqualTo("1.1.1.1");
        assertThat(first.get("UserProfiles").get(0).get("LoginName").asText()).isEqualTo("alice@example.com");
    }

    @Test
    void aChangeReachesOnlyTheStreamsOfNodesThatSeeTheChangedNode() throws Exception {
        Stream one = open(1);
        Stream two = open(2);
        Stream three = open(3);
        one.messages();
        two.messages();
        three.messages();

        netmap.updated(2, n -> n.withGivenName("renamed"));

        List<JsonNode> toOne = one.messages();
        assertThat(toOne).hasSize(1);
        assertThat(toOne.get(0).get("PeersChanged").get(0).get("Name").asText()).isEqualTo("renamed.tail.example.");
        assertThat(two.messages()).singleElement().satisfies(m ->
                assertThat(m.get("Node").get("Name").asText()).isEqualTo("renamed.tail.example."));
        assertThat(three.messages()).isEmpty();
    }

    @Test
    void reachabilityChangesArePatchesAndDeletionsAreRemovals() throws Exception {
        Stream one = open(1);
        one.messages();
        netmap.reachabilityUpdated(2, n -> n.withReachability(List.of("192.0.2.7:41641"), 999,
                Optional.of("discokey:" + "ab".repeat(32))));
        JsonNode patch = one.messages().get(0).get("PeersChangedPatch").get(0);
        assertThat(patch.get("NodeID").asLong()).isEqualTo(2);
        assertThat(patch.get("DERPRegion").asInt()).isEqualTo(999);
        assertThat(patch.get("Endpoints").get(0).asText()).isEqualTo("192.0.2.7:41641");
        assertThat(patch.get("DiscoKey").asText()).startsWith("discokey:ab");

        netmap.left(2);
        assertThat(one.messages().get(0).get("PeersRemoved").get(0).asLong()).isEqualTo(2);
    }

    @Test
    void peerChangesGoOutAtOnceAfterAQuietSpellThenBatchedAndAnyOtherMessageSendsThemFirst() throws Exception {
        streaming = streaming(Duration.ofHours(1), Duration.ofHours(1));
        Stream one = open(1);
        one.messages();

        netmap.joined(node(4));
        netmap.reachabilityUpdated(4, n -> n.withReachability(List.of("192.0.2.4:41641"), 999, Optional.empty()));
        netmap.joined(node(5));
        List<JsonNode> burst = one.messages();
        assertThat(burst).hasSize(1);
        assertThat(burst.get(0).get("PeersChanged")).extracting(n -> n.get("ID").asLong()).containsExactly(4L, 5L);
        assertThat(burst.get(0).get("PeersChangedPatch").get(0).get("Endpoints").get(0).asText()).isEqualTo("192.0.2.4:41641");

        netmap.left(5);
        netmap.reachabilityUpdated(2, n -> n.withReachability(List.of("192.0.2.2:41641"), 999, Optional.empty()));
        assertThat(one.messages()).as("held until the batch delay has passed").isEmpty();

        netmap.userUpdated(new NetmapUser(1, "alice2", "Alice Two", ""));
        List<JsonNode> flushed = one.messages();
        assertThat(flushed).hasSize(2);
        assertThat(flushed.get(0).get("PeersRemoved").toString()).isEqualTo("[5]");
        assertThat(flushed.get(0).get("PeersChangedPatch").get(0).get("NodeID").asLong()).isEqualTo(2);
        assertThat(flushed.get(1).get("UserProfiles").get(0).get("LoginName").asText()).isEqualTo("alice2");
    }

    @Test
    void aCompleteMapShowsEachPeerAsItIsNowNotAsItWasLastRendered() throws Exception {
        JsonNode before = open(1).messages().get(0).get("Peers").get(0);
        assertThat(before.get("Name").asText()).isEqualTo("node2.tail.example.");
        assertThat(before.get("Online").asBoolean()).isFalse();

        netmap.updated(2, n -> n.withGivenName("renamed"));
        open(2).messages();
        JsonNode after = open(1).messages().get(0).get("Peers").get(0);
        assertThat(after.get("Name").asText()).isEqualTo("renamed.tail.example.");
        assertThat(after.get("Online").asBoolean()).as("node 2 has a stream now").isTrue();

        netmap.left(2);
        assertThat(open(1).messages().get(0).get("Peers")).isEmpty();
    }

    @Test
    void aRenamedUserReachesTheStreamsAsAProfile() throws Exception {
        Stream one = open(1);
        one.messages();
        netmap.userUpdated(new NetmapUser(1, "alice2", "Alice Two", ""));
        JsonNode profile = one.messages().get(0).get("UserProfiles").get(0);
        assertThat(profile.get("LoginName").asText()).isEqualTo("alice2");
        assertThat(profile.get("DisplayName").asText()).isEqualTo("Alice Two");
    }

    @Test
    void anExpiredPeerIsRemovedAndANewNodeIsAdded() throws Exception {
        Stream one = open(1);
        one.messages();
        netmap.updated(2, n -> n.withExpiry(Optional.of(NOW.minusSeconds(1))));
        assertThat(one.messages().get(0).get("PeersRemoved").get(0).asLong()).isEqualTo(2);
        netmap.joined(node(4));
        JsonNode added = one.messages().get(0);
        assertThat(added.get("PeersChanged").get(0).get("ID").asLong()).isEqualTo(4);
        assertThat(added.get("PeersChanged").get(0).get("Online").asBoolean()).isFalse();
    }

    @Test
    void aNewStreamForANodeEndsItsOldOneWithoutAnOnlineFlap() throws Exception {
        Stream one = open(1);
        Stream two = open(2);
        one.messages();
        Stream twoAgain = open(2);
        two.messages();
        assertThat(two.ended).isTrue();
        assertThat(twoAgain.messages().get(0).has("Node")).isTrue();
        assertThat(one.messages()).isEmpty();
        assertThat(presence).containsExactly("online 1", "online 2");
    }

    @Test
    void peersLearnAboutOnlineAndOfflineAfterTheGracePeriod() throws Exception {
        streaming = streaming(Duration.ZERO);
        Stream one = open(1);
        one.messages();
        Stream two = open(2);
        assertThat(one.messages().get(0).get("OnlineChange").get("2").asBoolean()).isTrue();
        assertThat(streaming.presence().isOnline(2)).isTrue();

        two.channel.close();
        timers.submit(() -> { }).get(5, TimeUnit.SECONDS);
        timers.schedule(() -> { }, 10, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(one.messages().get(0).get("OnlineChange").get("2").asBoolean()).isFalse();
        assertThat(streaming.presence().isOnline(2)).isFalse();
        assertThat(presence).endsWith("offline 2");
    }

    @Test
    void aQuietStreamGetsKeepAlives() throws Exception {
        Stream one = open(1);
        one.messages();
        one.channel.advanceTimeBy(50, TimeUnit.SECONDS);
        assertThat(one.messages()).singleElement().satisfies(m -> assertThat(m.get("KeepAlive").asBoolean()).isTrue());
    }

    @Test
    void whenAKeyExpiresTheNodeIsToldAndItsPeersDropIt() throws Exception {
        SettableClock clock = new SettableClock(NOW);
        streaming = new MapStreaming(netmap, visibility, new MapSettings("tail.example",
                DnsSettings.of(true, List.of(), List.of("tail.example")), true, new DerpMap(Map.of()), Duration.ofSeconds(50), Duration.ofHours(1), Duration.ZERO), clock, timers);
        Stream one = open(1);
        Stream two = open(2);
        one.messages();
        two.messages();
        netmap.updated(2, n -> n.withExpiry(Optional.of(NOW.plusMillis(50))));
        assertThat(one.messages().get(0).has("PeersChanged")).isTrue();
        two.messages();

        clock.now = NOW.plusSeconds(1);
        timers.schedule(() -> { }, 200, TimeUnit.MILLISECONDS).get(5, TimeUnit.SECONDS);
        assertThat(one.messages()).singleElement().satisfies(m ->
                assertThat(m.get("PeersRemoved").get(0).asLong()).isEqualTo(2));
        assertThat(two.messages()).singleElement().satisfies(m ->
                assertThat(m.get("Node").get("Expired").asBoolean()).isTrue());
    }

    /** A clock the test moves by hand; timers still run in real time. */
    private static final class SettableClock extends Clock {
        volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    private MapSettings settings(DnsSettings dns, boolean taildrop) {
        return new MapSettings("tail.example", dns, taildrop, new DerpMap(Map.of()), Duration.ofSeconds(50),
                Duration.ofHours(1), Duration.ZERO);
    }

    private static final String FILE_SHARING = "https://tailscale.com/cap/file-sharing";

    /**
     * What a Tailscale 1.82 client needs to list a peer as a Taildrop target: file sharing in its own CapMap, and the
     * peer's peer API port in its Hostinfo; the peer carries the same baseline capabilities, as in Headscale.
     */
    @Test
    void taildropCapabilitiesAndThePeersPeerApiServicesAreInTheMap() throws Exception {
        netmap.updated(2, n -> n.withClient(new NodeClient("linux", "", "1.82.5", "", List.of(),
                List.of(new PeerService("peerapi4", 46590), new PeerService("peerapi6", 46590),
                        new PeerService("peerapi-dns-proxy", 1)))));
        Stream one = open(1);
        JsonNode first = one.messages().get(0);
        assertThat(first.get("Node").get("CapMap").has(FILE_SHARING)).isTrue();
        JsonNode peer = first.get("Peers").get(0);
        assertThat(peer.get("CapMap").has(FILE_SHARING)).isTrue();
        assertThat(peer.get("CapMap").has("https://tailscale.com/cap/ssh")).isTrue();
        assertThat(peer.get("Hostinfo").get("Services").toString()).isEqualTo("[{\"Proto\":\"peerapi4\",\"Port\":46590},"
                + "{\"Proto\":\"peerapi6\",\"Port\":46590},{\"Proto\":\"peerapi-dns-proxy\",\"Port\":1}]");

        netmap.updated(2, n -> n.withClient(new NodeClient("linux", "", "1.82.5", "", List.of(),
                List.of(new PeerService("peerapi4", 41000)))));
        JsonNode changed = one.messages().get(0).get("PeersChanged").get(0);
        assertThat(changed.get("Hostinfo").get("Services").get(0).get("Port").asInt()).isEqualTo(41000);
    }

    @Test
    void withTaildropOffNeitherTheNodeNorItsPeersHaveTheFileSharingCapability() throws Exception {
        streaming = streaming(settings(DnsSettings.of(true, List.of(), List.of("tail.example")), false));
        JsonNode first = open(1).messages().get(0);
        assertThat(first.get("Node").get("CapMap").has(FILE_SHARING)).isFalse();
        assertThat(first.get("Node").get("CapMap").has("https://tailscale.com/cap/ssh")).isTrue();
        assertThat(first.get("Peers").get(0).get("CapMap").has(FILE_SHARING)).isFalse();
    }

    @Test
    void theDnsSettingsGoOutAsHeadscaleSendsThem() throws Exception {
        Map<String, List<String>> split = new java.util.LinkedHashMap<>();
        split.put("corp.example.com", List.of("10.0.0.53", "https://dns.example.com/dns-query"));
        split.put("internal.example", List.of());
        List<DnsRecord> records = List.of(new DnsRecord("grafana.tail.example", "A", "100.64.0.3"),
                new DnsRecord("wiki.tail.example", null, "fd7a:115c:a1e0::3"));
        streaming = streaming(settings(new DnsSettings(true, List.of("1.1.1.1"), true, split,
                List.of("tail.example", "corp.example.com"), records), true));
        JsonNode dns = open(1).messages().get(0).get("DNSConfig");
        assertThat(dns.toString()).isEqualTo("{\"Resolvers\":[{\"Addr\":\"1.1.1.1\"}],"
                + "\"Routes\":{\"corp.example.com\":[{\"Addr\":\"10.0.0.53\"},{\"Addr\":\"https://dns.example.com/dns-query\"}],"
                + "\"internal.example\":[]},\"Domains\":[\"tail.example\",\"corp.example.com\"],\"Proxied\":true,"
                + "\"ExtraRecords\":[{\"Name\":\"grafana.tail.example\",\"Type\":\"A\",\"Value\":\"100.64.0.3\"},"
                + "{\"Name\":\"wiki.tail.example\",\"Value\":\"fd7a:115c:a1e0::3\"}]}");

        streaming = streaming(settings(new DnsSettings(false, List.of("1.1.1.1", "9.9.9.9"), false, Map.of(),
                List.of(), List.of()), true));
        JsonNode notOverriding = open(2).messages().get(0).get("DNSConfig");
        assertThat(notOverriding.toString()).as("override_local_dns false: the nameservers are only the fallback")
                .isEqualTo("{\"FallbackResolvers\":[{\"Addr\":\"1.1.1.1\"},{\"Addr\":\"9.9.9.9\"}],\"Proxied\":false}");
    }

    @Test
    void otherExtraRecordsReachEveryOpenStreamAndLaterCompleteMaps() throws Exception {
        streaming = streaming(settings(DnsSettings.of(true, List.of("1.1.1.1"), List.of("tail.example")), true));
        Stream one = open(1);
        Stream two = open(2);
        one.messages();
        two.messages();
        List<DnsRecord> records = List.of(new DnsRecord("grafana.tail.example", "A", "100.64.0.3"));

        assertThat(streaming.replaceExtraRecords(records)).isTrue();
        for (Stream stream : List.of(one, two)) {
            JsonNode message = stream.messages().get(0);
            assertThat(message.has("Node")).isFalse();
            assertThat(message.get("DNSConfig").get("Resolvers").get(0).get("Addr").asText()).isEqualTo("1.1.1.1");
            assertThat(message.get("DNSConfig").get("ExtraRecords").get(0).get("Name").asText())
                    .isEqualTo("grafana.tail.example");
        }
        assertThat(streaming.replaceExtraRecords(records)).as("the records in force already").isFalse();
        assertThat(one.messages()).isEmpty();
        assertThat(open(3).messages().get(0).get("DNSConfig").get("ExtraRecords").get(0).get("Value").asText())
                .isEqualTo("100.64.0.3");

        assertThat(streaming.replaceExtraRecords(List.of())).isTrue();
        assertThat(one.messages().get(0).get("DNSConfig").has("ExtraRecords")).isFalse();
    }
}
