package dev.chronoscale.gateway.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.chronoscale.tailcfg.PeerChange;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * A merged batch must leave a client exactly where the separate messages would have. The client
 * here applies a MapResponse's peer parts in tailscale's order (controlclient/map.go
 * updatePeersStateFromResponse): PeersRemoved, PeersChanged, OnlineChange, PeersChangedPatch.
 */
class PendingPeerChangesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

    /** The peers a client holds, by ID, as JSON objects. */
    private static final class ClientPeers {
        final Map<Long, ObjectNode> peers = new TreeMap<>();
        final Map<Long, JsonNode> profiles = new TreeMap<>();

        void apply(byte[] message) throws Exception {
            JsonNode response = JSON.readTree(message);
            assertThat(response.has("ControlTime")).isTrue();
            response.path("PeersRemoved").forEach(id -> peers.remove(id.asLong()));
            response.path("PeersChanged").forEach(node -> peers.put(node.get("ID").asLong(), (ObjectNode) node.deepCopy()));
            response.path("OnlineChange").fields().forEachRemaining(e -> {
                ObjectNode peer = peers.get(Long.parseLong(e.getKey()));
                if (peer != null) {
                    peer.put("Online", e.getValue().asBoolean());
                }
            });
            response.path("PeersChangedPatch").forEach(patch -> {
                ObjectNode peer = peers.get(patch.get("NodeID").asLong());
                if (peer != null) {
                    if (patch.has("DERPRegion")) {
                        peer.put("HomeDERP", patch.get("DERPRegion").asInt());
                    }
                    if (patch.has("Endpoints")) {
                        peer.set("Endpoints", patch.get("Endpoints"));
                    }
                    if (patch.has("DiscoKey")) {
                        peer.set("DiscoKey", patch.get("DiscoKey"));
                    }
                }
            });
            response.path("UserProfiles").forEach(p -> profiles.put(p.get("ID").asLong(), p));
        }
    }

    private static RenderedPeer peer(long id, int version, boolean online) {
        String node = "{\"ID\":" + id + ",\"Name\":\"n" + id + "-v" + version + "\",\"Online\":" + online
                + ",\"HomeDERP\":" + (version % 3 + 1) + ",\"Endpoints\":[\"192.0.2." + version + ":41641\"],\"User\":"
                + (id % 2 + 1) + "}";
        String profile = "{\"ID\":" + (id % 2 + 1) + ",\"LoginName\":\"user" + (id % 2 + 1) + "-v" + version + "\"}";
        return new RenderedPeer(id, node.getBytes(StandardCharsets.UTF_8), id % 2 + 1, profile.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] alone(Consumer<PendingPeerChanges> change) {
        PendingPeerChanges single = new PendingPeerChanges();
        change.accept(single);
        return single.drain(NOW);
    }

    @Test
    void aMergedBatchLeavesTheClientWhereTheSeparateMessagesWould() throws Exception {
        Random random = new Random(20261122);
        for (int round = 0; round < 2_000; round++) {
            ClientPeers separately = new ClientPeers();
            ClientPeers merged = new ClientPeers();
            for (long id = 1; id <= 4; id++) {
                byte[] start = alone(peerChanges(peer(id, 0, true)));
                separately.apply(start);
                merged.apply(start);
            }
            PendingPeerChanges batch = new PendingPeerChanges();
            List<Consumer<PendingPeerChanges>> changes = new ArrayList<>();
            int length = 1 + random.nextInt(8);
            for (int i = 0; i < length; i++) {
                long id = 1 + random.nextInt(5);
                int version = 1 + random.nextInt(50);
                changes.add(switch (random.nextInt(4)) {
                    case 0 -> peerChanges(peer(id, version, random.nextBoolean()));
                    case 1 -> p -> p.removed(id);
                    case 2 -> {
                        boolean online = random.nextBoolean();
                        yield p -> p.online(id, online);
                    }
                    default -> {
                        PeerChange patch = new PeerChange(id, random.nextBoolean() ? 1 + random.nextInt(5) : null,
                                random.nextBoolean() ? List.of("198.51.100." + version + ":41641") : null,
                                random.nextBoolean() ? "discokey:" + version : null, null);
                        yield p -> p.patched(patch);
                    }
                });
            }
            for (Consumer<PendingPeerChanges> change : changes) {
                separately.apply(alone(change));
                change.accept(batch);
            }
            merged.apply(batch.drain(NOW));

            assertThat(merged.peers).as("round %d", round).isEqualTo(separately.peers);
            assertThat(merged.profiles).as("round %d", round).isEqualTo(separately.profiles);
            assertThat(batch.isEmpty()).isTrue();
        }
    }

    @Test
    void aBatchIsOneMessageWithEveryKindOfChange() throws Exception {
        PendingPeerChanges batch = new PendingPeerChanges();
        batch.changed(peer(7, 1, true));
        batch.changed(peer(8, 1, true));
        batch.removed(9);
        batch.online(10, false);
        batch.patched(new PeerChange(11, 999, List.of("203.0.113.1:41641"), null, null));
        batch.patched(new PeerChange(11, null, null, "discokey:ab", null));

        JsonNode message = JSON.readTree(batch.drain(NOW));

        assertThat(message.get("PeersChanged")).extracting(n -> n.get("ID").asLong()).containsExactly(7L, 8L);
        assertThat(message.get("PeersRemoved").toString()).isEqualTo("[9]");
        assertThat(message.get("OnlineChange").toString()).isEqualTo("{\"10\":false}");
        assertThat(message.get("PeersChangedPatch").toString())
                .isEqualTo("[{\"NodeID\":11,\"DERPRegion\":999,\"Endpoints\":[\"203.0.113.1:41641\"],\"DiscoKey\":\"discokey:ab\"}]");
        assertThat(message.get("UserProfiles")).extracting(n -> n.get("ID").asLong()).containsExactly(2L, 1L);
        assertThat(message.get("ControlTime").asText()).isEqualTo("2026-11-22T05:00:00Z");
    }

    private static Consumer<PendingPeerChanges> peerChanges(RenderedPeer peer) {
        return p -> p.changed(peer);
    }
}
